package org.compliancebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code compliance-bot cr ...} on a SQLite database, as an operator would run it beside the bot. */
class CrCommandTest {
    @TempDir
    Path dir;
    private Path config;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeConfig() throws Exception {
        config = dir.resolve("config.yaml");
        Files.writeString(config, """
                homeserver:
                  url: http://127.0.0.1:8008
                bot:
                  user_id: "@compliance-bot:example.org"
                  device_id: BOT
                database:
                  url: jdbc:sqlite:%s
                roles:
                  security_lead: ["@lee:example.org"]
                  human_overseer: ["@olga:example.org"]
                """.formatted(dir.resolve("bot.db")));
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, 2);
        all[2] = "--config";
        all[3] = config.toString();
        System.arraycopy(args, 2, all, 4, args.length - 2);
        return cl.execute(all);
    }

    @Test
    void aChangeGoesFromDraftToAwaitingApprovalAndIsExported() throws Exception {
        assertThat(run("cr", "create", "--as", "@alice:example.org", "Add asset_owner", "--class", "significant")).isZero();
        assertThat(out.toString()).contains("DRAFT-1").contains("class significant");
        assertThat(run("cr", "submit", "--as", "@alice:example.org", "DRAFT-1")).isZero();
        String year = out.toString().replaceAll("(?s).*CR-(\\d{4})-001.*", "$1");
        String id = "CR-" + year + "-001";
        assertThat(run("cr", "assess", "--as", "@alice:example.org", id, "impact=medium", "risk=likely/minor")).isEqualTo(1);
        assertThat(err.toString()).contains("may not");
        assertThat(run("cr", "assess", "--as", "@lee:example.org", id, "impact=medium", "risk=likely/minor",
                "owner not populated")).isZero();
        assertThat(out.toString()).contains("Approval requested");
        assertThat(run("cr", "status", "--as", "@alice:example.org", id)).isZero();
        assertThat(out.toString()).contains("awaiting_approval").contains("still needed: an overseer approval");
        assertThat(run("cr", "list", "--as", "@alice:example.org")).isZero();
        assertThat(out.toString()).contains(id).contains("medium");
        assertThat(run("cr", "advance", "--as", "@alice:example.org", id, "deployed")).isEqualTo(1);

        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bot.db"));
             var rs = c.createStatement().executeQuery("SELECT kind, dispatched_at FROM change_notification")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("queued for the running bot to post").isEqualTo("ApprovalRequested");
            assertThat(rs.getString(2)).isNull();
        }

        Path exports = dir.resolve("exports");
        assertThat(run("cr", "export", "--out", exports.toString())).isZero();
        JsonNode register = new ObjectMapper().readTree(exports.resolve("change-register.json").toFile());
        assertThat(register.path("change_register").get(0).path("cr_id").asText()).isEqualTo(id);
        assertThat(register.path("change_register").get(0).path("status").asText()).containsIgnoringCase("awaiting");
        JsonNode log = new ObjectMapper().readTree(exports.resolve("change-log.json").toFile());
        assertThat(log.path("change_log").size()).isGreaterThanOrEqualTo(4);
    }
}
