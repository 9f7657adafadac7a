package org.compliancebot.bot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.compliancebot.bot.app.BotApplication;
import org.compliancebot.bridge.api.CreateRoomRequest;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation's acceptance tests, against the real Synapse and matrix-js-sdk as the human. The
 * homeserver encrypts every new room, so the human's messages are {@code m.room.encrypted} events here:
 * delivery is counted by event id, whatever the content.
 */
@ExtendWith(SynapseExtension.class)
class FoundationAcceptanceTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;

    private RoomId roomWith(SynapseServer server, RegisteredUser bot, JsClient human) {
        MatrixClient c = MatrixClient.create(server.baseUrl());
        c.login(UserId.of(bot.userId()), bot.password(), DeviceId.of("SETUP"), null);
        RoomId room = c.createRoom(CreateRoomRequest.builder().preset("private_chat").name("foundation").invite(human.userId()).build());
        human.joinRoom(room.value());
        return room;
    }

    private ObjectNode text(String body) {
        return mapper.createObjectNode().put("msgtype", "m.text").put("body", body);
    }

    @Test
    void botCreatesARoomAndTheJsUserReceivesItsMessage(SynapseServer server, JsClients clients) throws Exception {
        RegisteredUser botUser = server.registerUniqueUser("bot");
        RegisteredUser alice = server.registerUniqueUser("alice");
        JsClient human = clients.encryptedClient(server, alice);
        TestBot bot = new TestBot(server, botUser, dir);
        try (BotApplication app = bot.startInProcess(50)) {
            RoomId room = app.client().createRoom(CreateRoomRequest.builder()
                    .preset("private_chat").name("Foundation check").invite(alice.userId()).build());
            human.joinRoom(room.value());
            app.outbox().send("hello-1", room, "m.room.message", text("Hello from the compliance bot"));
            assertThat(human.awaitMessage(room.value(), "Hello from the compliance bot", WAIT).sender()).isEqualTo(botUser.userId());
            // The same key again sends nothing new.
            var first = app.outbox().eventIdFor("hello-1").orElseThrow();
            assertThat(app.outbox().send("hello-1", room, "m.room.message", text("Hello from the compliance bot"))).isEqualTo(first);
        }
    }

    @Test
    void everyMessageIsProcessedExactlyOnceAcrossTwoHardStops(SynapseServer server, JsClients clients) throws Exception {
        RegisteredUser botUser = server.registerUniqueUser("bot");
        RegisteredUser alice = server.registerUniqueUser("alice");
        JsClient human = clients.encryptedClient(server, alice);
        RoomId room = roomWith(server, botUser, human);
        TestBot bot = new TestBot(server, botUser, dir);
        String mine = "SELECT COUNT(*) FROM received_event WHERE sender = '" + alice.userId() + "'";

        // Stop 1: the bot runs as its own process and is killed with SIGKILL.
        Process first = bot.startProcess(50);
        bot.awaitProcess("the first sync of the bot process", WAIT, bot::hasSyncPosition);
        AtomicBoolean sending = new AtomicBoolean(true);
        CompletableFuture<List<String>> sent = CompletableFuture.supplyAsync(() -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ids.add(human.sendText(room.value(), "message " + i));
                sleep(15);
            }
            sending.set(false);
            return ids;
        });
        bot.awaitProcess("50 messages in the bot process", WAIT, () -> bot.count(mine) >= 50);
        first.destroyForcibly().waitFor();
        long afterKill = bot.count(mine);

        // Stop 2: in this JVM, the engine dies between applying a batch and committing it.
        BotApplication second = bot.startInProcess(50);
        AtomicBoolean crashed = new AtomicBoolean();
        second.syncEngine().setBeforeCommit(batch -> {
            if (!batch.timeline().isEmpty() && bot.count(mine) >= afterKill + 40 && crashed.compareAndSet(false, true)) {
                throw new SimulatedCrash();
            }
        });
        TestBot.await("the simulated crash", WAIT, crashed::get);
        TestBot.await("the sync loop to die", WAIT, () -> !second.syncEngine().isRunning());
        second.stop();

        try (BotApplication third = bot.startInProcess(50)) {
            List<String> ids = sent.get();
            assertThat(ids).hasSize(200);
            TestBot.await("all 200 messages", WAIT, () -> bot.count(mine) >= 200);
            Thread.sleep(1000);
            assertThat(bot.count(mine)).isEqualTo(200);
            assertThat(bot.count("SELECT COUNT(DISTINCT event_id) FROM received_event WHERE sender = '" + alice.userId() + "'"))
                    .isEqualTo(200);
            assertThat(bot.column("SELECT event_id FROM received_event WHERE sender = '" + alice.userId() + "'"))
                    .containsExactlyInAnyOrderElementsOf(ids);
        }
        assertThat(crashed).isTrue();
    }

    @Test
    void messagesSentWhileTheBotIsDownAreAllDeliveredInOrderThroughGapBackfill(SynapseServer server, JsClients clients)
            throws Exception {
        RegisteredUser botUser = server.registerUniqueUser("bot");
        RegisteredUser alice = server.registerUniqueUser("alice");
        JsClient human = clients.encryptedClient(server, alice);
        RoomId room = roomWith(server, botUser, human);
        TestBot bot = new TestBot(server, botUser, dir);
        try (BotApplication app = bot.startInProcess(10)) {
            TestBot.await("first sync", WAIT, bot::hasSyncPosition);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ids.add(human.sendText(room.value(), "while down " + i));
        }
        try (BotApplication app = bot.startInProcess(10)) {
            String q = "SELECT COUNT(*) FROM received_event WHERE sender = '" + alice.userId() + "'";
            TestBot.await("150 backfilled messages", WAIT, () -> bot.count(q) >= 150);
            Thread.sleep(500);
            assertThat(bot.count(q)).isEqualTo(150);
            assertThat(bot.column("SELECT event_id FROM received_event WHERE sender = '" + alice.userId() + "' ORDER BY rowid"))
                    .containsExactlyElementsOf(ids);
        }
    }

    @Test
    void sendsUnderRealRateLimitingAllSucceedOnce(JsClients clients) throws Exception {
        try (SynapseServer limited = SynapseServer.startDedicated(
                org.compliancebot.testkit.synapse.SynapseOptions.productionLimits("ratelimited"))) {
            RegisteredUser botUser = limited.registerUniqueUser("bot");
            MatrixClient c = MatrixClient.create(limited.baseUrl());
            c.login(UserId.of(botUser.userId()), botUser.password(), DeviceId.of("RL"), null);
            RoomId room = c.createRoom(CreateRoomRequest.builder().preset("private_chat").name("limits").build());
            TestBot bot = new TestBot(limited, botUser, dir);
            long app429s;
            List<String> sentIds = new ArrayList<>();
            try (BotApplication app = bot.startInProcess(50)) {
                // Three writers at once exceed the production burst of 20 messages.
                List<CompletableFuture<Void>> writers = IntStream.range(0, 3).mapToObj(w -> CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 10; i++) {
                        app.outbox().send("rl-" + w + "-" + i, room, "m.room.message", text("limited " + w + "-" + i));
                    }
                })).toList();
                CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
                app429s = app.client().transport().rateLimitedCount();
                for (int w = 0; w < 3; w++) {
                    for (int i = 0; i < 10; i++) {
                        sentIds.add(app.outbox().eventIdFor("rl-" + w + "-" + i).orElseThrow().value());
                    }
                }
            }
            // The room is end-to-end encrypted, so the bot's messages are counted by event id.
            List<String> inRoom = new ArrayList<>();
            String from = null;
            do {
                var page = c.messages(room, from, org.compliancebot.bridge.api.Direction.BACKWARD, 100, null);
                page.chunk().stream().filter(e -> e.path("sender").asText().equals(botUser.userId())
                                && !e.has("state_key") && e.path("type").asText().startsWith("m.room."))
                        .forEach(e -> inRoom.add(e.path("event_id").asText()));
                from = page.end();
            } while (from != null);
            assertThat(inRoom).hasSize(30).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sentIds);
            assertThat(app429s).as("the server rate-limited the bot at least once").isPositive();
        }
    }

    @Test
    void theBotResumesWithoutLossAfterSynapseIsGoneFor20Seconds(JsClients clients) throws Exception {
        try (SynapseServer own = SynapseServer.startDedicated(org.compliancebot.testkit.synapse.SynapseOptions.shared().withName("outage"))) {
            RegisteredUser botUser = own.registerUniqueUser("bot");
            RegisteredUser alice = own.registerUniqueUser("alice");
            JsClient human = clients.encryptedClient(own, alice);
            RoomId room = roomWith(own, botUser, human);
            TestBot bot = new TestBot(own, botUser, dir);
            String q = "SELECT COUNT(*) FROM received_event WHERE sender = '" + alice.userId() + "'";
            try (BotApplication app = bot.startInProcess(50)) {
                TestBot.await("first sync", WAIT, bot::hasSyncPosition);
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    ids.add(human.sendText(room.value(), "before " + i));
                }
                TestBot.await("messages before the outage", WAIT, () -> bot.count(q) >= 10);
                own.stop();
                Thread.sleep(20_000);
                assertThat(app.syncEngine().isRunning()).as("the loop keeps trying while Synapse is away").isTrue();
                own.start();
                for (int i = 0; i < 10; i++) {
                    ids.add(human.sendText(room.value(), "after " + i));
                }
                TestBot.await("messages after the outage", WAIT, () -> bot.count(q) >= 20);
                Thread.sleep(500);
                assertThat(bot.column("SELECT event_id FROM received_event WHERE sender = '" + alice.userId() + "' ORDER BY rowid"))
                        .containsExactlyElementsOf(ids);
            }
        }
    }

    @Test
    void sigtermFinishesCleanlyAndSavesThePosition(SynapseServer server, JsClients clients) throws Exception {
        RegisteredUser botUser = server.registerUniqueUser("bot");
        RegisteredUser alice = server.registerUniqueUser("alice");
        JsClient human = clients.encryptedClient(server, alice);
        RoomId room = roomWith(server, botUser, human);
        TestBot bot = new TestBot(server, botUser, dir);
        Process p = bot.startProcess(50);
        bot.awaitProcess("first sync", WAIT, bot::hasSyncPosition);
        human.sendText(room.value(), "before sigterm");
        TestBot.await("the message", WAIT, () -> bot.count("SELECT COUNT(*) FROM received_event WHERE sender = '" + alice.userId() + "'") == 1);
        p.destroy();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(bot.processLog()).contains("Stopped");
        assertThat(bot.processLog()).doesNotContain(botUser.password()).doesNotContain(botUser.accessToken());
        assertThat(bot.hasSyncPosition()).isTrue();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown inside the sync transaction to simulate the process dying before the commit. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash between apply and commit");
        }
    }
}
