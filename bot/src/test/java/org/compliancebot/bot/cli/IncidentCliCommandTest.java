package org.compliancebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code incident open|list|show} on a database of its own; the room is left to the running bot. */
class IncidentCliCommandTest {
    @TempDir
    Path dir;

    private String[] run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void opensListsAndShowsIncidents() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                homeserver:
                  url: http://127.0.0.1:8008
                bot:
                  user_id: "@bot:example.org"
                  device_id: BOT
                database:
                  url: jdbc:sqlite:%s
                roles:
                  security_lead: ["@lead:example.org"]
                """.formatted(dir.resolve("bot.db")));
        String c = config.toString();
        String[] opened = run("incident", "--config", c, "open", "--severity", "high", "--title", "Backups failing",
                "--control", "A.8.13", "--key", "ticket-7");
        assertThat(opened[0]).isEqualTo("0");
        assertThat(opened[1]).startsWith("Recorded incident-").contains("HIGH (P1)").contains("Backups failing")
                .contains("room recorded");
        String id = opened[1].substring("Recorded ".length(), opened[1].indexOf(' ', "Recorded ".length()));
        assertThat(run("incident", "--config", c, "open", "--severity", "high", "--title", "Again", "--key", "ticket-7")[1])
                .startsWith("Recorded " + id);

        String[] list = run("incident", "--config", c, "list", "--status", "open");
        assertThat(list[1].lines()).hasSize(1).first().asString().startsWith(id);
        String[] show = run("incident", "--config", c, "show", id);
        assertThat(show[0]).isEqualTo("0");
        assertThat(show[1]).contains(id + ": Backups failing").contains("Room: not created yet (recorded)")
                .contains("@lead:example.org (invite pending)").contains("\u2610 1. Root cause identified");

        String[] bad = run("incident", "--config", c, "open", "--severity", "severe", "--title", "x");
        assertThat(bad[0]).isEqualTo("2");
        assertThat(bad[2]).contains("Unknown severity 'severe'");
        assertThat(run("incident", "--config", c, "show", "incident-1")[2]).contains("not an incident ID");
    }
}
