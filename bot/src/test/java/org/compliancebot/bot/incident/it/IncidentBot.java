package org.compliancebot.bot.incident.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.compliancebot.bot.app.BotApplication;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.IncidentService;
import org.compliancebot.bot.incident.OpeningStep;
import org.compliancebot.bot.incident.matrix.IncidentModule;
import org.compliancebot.bridge.api.CreateRoomRequest;
import org.compliancebot.bridge.api.Direction;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MessagesPage;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;

/**
 * The bot with its incident module against a real Synapse, with a cast of role holders: security
 * lead, human overseer, CTO, legal counsel, compliance manager, and a team member without a role.
 * A command room is created by the security lead before the bot starts.
 */
final class IncidentBot implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(90);

    final SynapseServer server;
    final Path dir;
    final RegisteredUser bot;
    final RegisteredUser lead;
    final RegisteredUser overseer;
    final RegisteredUser cto;
    final RegisteredUser legal;
    final RegisteredUser compliance;
    final RegisteredUser member;
    final RoomId commandRoom;
    final IncidentModule module = new IncidentModule();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String storeKey = randomKey();
    private BotApplication app;

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    IncidentBot(SynapseServer server, Path dir) {
        this.server = server;
        this.dir = dir;
        bot = server.registerUniqueUser("bot");
        server.admin().overrideRateLimit(bot.userId(), 0, 0);
        lead = server.registerUniqueUser("lead");
        overseer = server.registerUniqueUser("overseer");
        cto = server.registerUniqueUser("cto");
        legal = server.registerUniqueUser("legal");
        compliance = server.registerUniqueUser("compliance");
        member = server.registerUniqueUser("member");
        commandRoom = as(lead).createRoom(CreateRoomRequest.builder().preset("private_chat").name("security team")
                .invite(bot.userId()).build());
    }

    /** A plain client (no crypto) logged in as {@code user} on a new device. */
    MatrixClient as(RegisteredUser user) {
        MatrixClient c = MatrixClient.create(server.baseUrl());
        c.login(UserId.of(user.userId()), user.password(), null, null);
        return c;
    }

    Path writeConfig() throws IOException {
        String yaml = """
                homeserver:
                  url: %s
                bot:
                  user_id: "%s"
                  device_id: INCIDENTBOT
                database:
                  url: jdbc:sqlite:%s
                sync:
                  poll_timeout_seconds: 5
                roles:
                  security_lead: ["%s"]
                  human_overseer: ["%s"]
                  cto: ["%s"]
                  legal_counsel: ["%s"]
                  compliance_manager: ["%s"]
                incident:
                  command_rooms: ["%s"]
                """.formatted(server.baseUrl(), bot.userId(), dir.resolve("bot.db"), lead.userId(), overseer.userId(),
                cto.userId(), legal.userId(), compliance.userId(), commandRoom.value());
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    BotApplication start() throws IOException {
        app = new BotApplication(new ConfigLoader().load(writeConfig()), new Secrets(Map.of(Secrets.PASSWORD, bot.password(),
                Secrets.STORE_KEY, storeKey)), Clock.systemUTC()).with(module);
        app.start();
        return app;
    }

    IncidentService service() {
        return module.service();
    }

    MatrixClient botClient() {
        return app.client();
    }

    Incident awaitOpened(IncidentId id) throws InterruptedException {
        await(id + " to be opened", WAIT, () -> service().find(id).orElseThrow().room().opening() == OpeningStep.OPENED);
        return service().find(id).orElseThrow();
    }

    Incident awaitClosed(IncidentId id) throws InterruptedException {
        await(id + " to be closed", WAIT, () -> service().find(id).orElseThrow().closure() != null
                && service().find(id).orElseThrow().closure().closedAt() != null);
        return service().find(id).orElseThrow();
    }

    /** The whole history of {@code room} as the bot sees it, oldest first. */
    List<JsonNode> history(RoomId room) {
        List<JsonNode> out = new ArrayList<>();
        String from = null;
        while (true) {
            MessagesPage page = botClient().messages(room, from, Direction.FORWARD, 100, null);
            out.addAll(page.chunk());
            if (!page.hasMore()) {
                return out;
            }
            from = page.end();
        }
    }

    /** The bot's notice replying to {@code command}, once it is in the room. */
    JsonNode awaitReply(RoomId room, String command) throws InterruptedException {
        JsonNode[] found = new JsonNode[1];
        await("the bot's reply to " + command, WAIT, () -> {
            for (JsonNode e : history(room)) {
                if (e.path("sender").asText().equals(bot.userId())
                        && e.path("content").path("m.relates_to").path("m.in_reply_to").path("event_id").asText().equals(command)) {
                    found[0] = e;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bot.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            try (ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
