package org.compliancebot.bot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.setup.Bootstrap;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The bootstrap against the real Synapse: twice, the second time changing nothing. */
@ExtendWith(SynapseExtension.class)
class BootstrapAcceptanceTest {
    @TempDir
    Path dir;

    @Test
    void bootstrapTwiceGivesTheSameRoomsAndACrossSignedBot(SynapseServer server, JsClients clients) throws Exception {
        String botLocal = SynapseServer.uniqueLocalpart("compliance-bot");
        String adminLocal = SynapseServer.uniqueLocalpart("admin");
        RegisteredUser lead = server.registerUniqueUser("lead");
        RegisteredUser overseer = server.registerUniqueUser("overseer");
        String suffix = Long.toString(System.nanoTime(), 36);
        StringBuilder rooms = new StringBuilder("rooms:\n");
        for (String key : List.of("security_team", "compliance_team", "human_oversight", "security_monitoring", "incident_response")) {
            rooms.append("  ").append(key).append(": \"#").append(key.replace('_', '-')).append('-').append(suffix)
                    .append(':').append(server.serverName()).append("\"\n");
        }
        String yaml = """
                homeserver:
                  url: %s
                bot:
                  user_id: "@%s:%s"
                  device_id: COMPLIANCEBOT
                database:
                  url: jdbc:sqlite:%s
                roles:
                  security_lead: ["%s"]
                  human_overseer: ["%s"]
                %s""".formatted(server.baseUrl(), botLocal, server.serverName(), dir.resolve("bot.db"),
                lead.userId(), overseer.userId(), rooms);
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        BotConfig config = new ConfigLoader().load(file);
        Secrets secrets = new Secrets(Map.of(
                Secrets.PASSWORD, SynapseServer.randomPassword(),
                Secrets.STORE_KEY, TestBot.randomKey(),
                Secrets.REGISTRATION_SHARED_SECRET, server.sharedSecret(),
                Secrets.ADMIN_PASSWORD, SynapseServer.randomPassword()));
        List<String> progress = new ArrayList<>();

        Bootstrap.Report first = new Bootstrap(config, secrets, Clock.systemUTC(), adminLocal, progress::add).run();
        Bootstrap.Report second = new Bootstrap(config, secrets, Clock.systemUTC(), adminLocal, progress::add).run();

        assertThat(first.changes()).anyMatch(c -> c.startsWith("registered @" + botLocal))
                .anyMatch(c -> c.startsWith("exempted"))
                .filteredOn(c -> c.startsWith("created")).hasSize(5);
        assertThat(first.changes()).contains("invited " + lead.userId() + " to #security-team-" + suffix + ":" + server.serverName());
        assertThat(second.changes()).as("a second run changes nothing").isEmpty();
        assertThat(second.rooms()).isEqualTo(first.rooms());
        assertThat(first.crossSigned()).isTrue();
        assertThat(second.crossSigned()).isTrue();

        String bot = "@" + botLocal + ":" + server.serverName();
        JsonNode override = server.admin().rateLimitOverride(bot);
        assertThat(override.path("messages_per_second").asInt(-1)).isZero();
        assertThat(override.path("burst_count").asInt(-1)).isZero();

        RoomId oversight = first.rooms().get("human_oversight");
        JsonNode create = server.admin().roomStateEvent(oversight.value(), "m.room.create", "");
        assertThat(create.path("m.federate").asBoolean(true)).isFalse();
        assertThat(server.admin().roomStateEvent(oversight.value(), "m.room.encryption", "").path("algorithm").asText())
                .isEqualTo("m.megolm.v1.aes-sha2");
        assertThat(server.admin().roomStateEvent(oversight.value(), "m.room.retention", "").path("max_lifetime").asLong())
                .isEqualTo(Duration.ofDays(3650).toMillis());
        JsonNode pl = server.admin().roomStateEvent(oversight.value(), "m.room.power_levels", "");
        assertThat(pl.path("users").path(overseer.userId()).asInt()).isEqualTo(100);
        assertThat(pl.path("users").path(bot).asInt()).isEqualTo(50);

        // Element's crypto sees the bot's device as cross-signed by its owner.
        JsClient human = clients.encryptedClient(server, overseer);
        human.joinRoom(oversight.value());
        assertThat(human.awaitDeviceSignedByOwner(bot, "COMPLIANCEBOT", Duration.ofSeconds(60)).signedByOwner()).isTrue();
    }
}
