package org.compliancebot.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String VALID = """
            homeserver:
              url: http://127.0.0.1:8008
            bot:
              user_id: "@compliance-bot:example.org"
              device_id: COMPLIANCEBOT
            database:
              url: jdbc:sqlite:data/bot.db
            roles:
              human_overseer: ["@olivia:example.org"]
            rooms:
              human_oversight: "#human-oversight:example.org"
            """;

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void validConfigGetsDefaults() {
        BotConfig c = loader.parse(VALID);
        assertThat(c.homeserver().serverName()).isEqualTo("example.org");
        assertThat(c.sync().timelineLimit()).isEqualTo(50);
        assertThat(c.sync().pollTimeoutSeconds()).isEqualTo(30);
        assertThat(c.roles()).containsEntry("human_overseer", java.util.List.of("@olivia:example.org"));
        assertThat(c.bot().displayName()).isEqualTo("Compliance Bot");
    }

    @Test
    void unknownKeyIsNamed() {
        assertThatThrownBy(() -> loader.parse(VALID + "sync:\n  timline_limit: 5\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sync.timline_limit");
    }

    @Test
    void missingKeyIsNamed() {
        assertThatThrownBy(() -> loader.parse(VALID.replace("  device_id: COMPLIANCEBOT\n", "")))
                .hasMessageContaining("bot.device_id");
        assertThatThrownBy(() -> loader.parse("bot:\n  user_id: \"@b:x\"\n")).hasMessageContaining("'homeserver'");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> loader.parse(VALID.replace("http://127.0.0.1:8008", "ftp://h")))
                .hasMessageContaining("homeserver.url");
        assertThatThrownBy(() -> loader.parse(VALID.replace("\"@compliance-bot:example.org\"", "compliance-bot")))
                .hasMessageContaining("bot.user_id");
        assertThatThrownBy(() -> loader.parse(VALID + "sync:\n  timeline_limit: 0\n")).hasMessageContaining("sync.timeline_limit");
        assertThatThrownBy(() -> loader.parse(VALID + "sync:\n  timeline_limit: lots\n")).hasMessageContaining("sync.timeline_limit");
        assertThatThrownBy(() -> loader.parse(VALID.replace("jdbc:sqlite:data/bot.db", "mysql://x")))
                .hasMessageContaining("database.url");
    }

    @Test
    void rolesOnlyForLocalUsersAndKnownNames() {
        assertThatThrownBy(() -> loader.parse(VALID.replace("@olivia:example.org", "@olivia:evil.org")))
                .hasMessageContaining("roles.human_overseer[0]").hasMessageContaining("local");
        assertThatThrownBy(() -> loader.parse(VALID.replace("human_overseer:", "overlord:")))
                .hasMessageContaining("roles.overlord");
    }

    @Test
    void secretsInTheFileAreRefused() {
        assertThatThrownBy(() -> loader.parse(VALID.replace("  device_id: COMPLIANCEBOT\n", "  device_id: X\n  password: hunter2\n")))
                .hasMessageContaining("bot.password").hasMessageContaining("environment").hasMessageNotContaining("hunter2");
    }

    @Test
    void notYamlIsReported() {
        assertThatThrownBy(() -> loader.parse("homeserver: [unclosed")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> loader.load(Path.of("/nonexistent/config.yaml"))).hasMessageContaining("not found");
    }

    @Test
    void secretsComeFromVariablesOrFilesAndAreNotPrinted(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pw");
        Files.writeString(f, "from-file\n");
        Secrets s = new Secrets(Map.of(Secrets.PASSWORD + "_FILE", f.toString(), Secrets.STORE_KEY, "k3y"));
        assertThat(s.get(Secrets.PASSWORD)).contains("from-file");
        assertThat(s.get(Secrets.STORE_KEY)).contains("k3y");
        assertThat(s.toString()).doesNotContain("from-file").doesNotContain("k3y").contains("COMPLIANCE_BOT_PASSWORD=set");
        assertThatThrownBy(() -> s.require(Secrets.ACCESS_TOKEN, "test")).hasMessageContaining(Secrets.ACCESS_TOKEN + "_FILE");
    }
}
