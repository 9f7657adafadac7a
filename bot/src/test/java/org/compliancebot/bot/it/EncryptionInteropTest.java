package org.compliancebot.bot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.compliancebot.bot.app.BotApplication;
import org.compliancebot.bot.config.ConfigException;
import org.compliancebot.bridge.api.CreateRoomRequest;
import org.compliancebot.bridge.e2ee.CryptoStartupException;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.testkit.js.DeviceIsolation;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.js.JsEvent;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot in end-to-end encrypted rooms against the real Synapse and matrix-js-sdk with its Rust
 * crypto, which only exchanges keys with cross-signed devices here (device isolation "only signed").
 */
@ExtendWith(SynapseExtension.class)
class EncryptionInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<RoomEvent> recordEvents(BotApplication app) {
        List<RoomEvent> seen = new CopyOnWriteArrayList<>();
        app.router().listener((e, tx) -> seen.add(e));
        return seen;
    }

    private static RoomEvent awaitBody(List<RoomEvent> seen, String body) throws InterruptedException {
        TestBot.await("the bot to receive '" + body + "'", WAIT, () -> seen.stream().anyMatch(e -> body.equals(e.body())));
        return seen.stream().filter(e -> body.equals(e.body())).findFirst().orElseThrow();
    }

    @Test
    void theBotAndElementsCryptoStackTalkInAnEncryptedRoomAcrossARestartAndASecondDevice(SynapseServer server,
                                                                                        JsClients clients) throws Exception {
        RegisteredUser botUser = server.registerUniqueUser("bot");
        RegisteredUser alice = server.registerUniqueUser("alice");
        JsClient human = clients.encryptedClient(server, alice);
        human.setDeviceIsolation(DeviceIsolation.ONLY_SIGNED);
        TestBot bot = new TestBot(server, botUser, dir);

        String botDevice;
        RoomId room;
        String aliceSession;
        try (BotApplication app = bot.startInProcess(50)) {
            assertThat(app.e2ee().isCrossSigningReady()).isTrue();
            botDevice = app.client().session().deviceId().value();
            List<RoomEvent> seen = recordEvents(app);
            room = app.client().createRoom(CreateRoomRequest.builder().preset("private_chat").name("Encrypted")
                    .invite(alice.userId()).build());
            human.joinRoom(room.value());
            assertThat(human.isRoomEncrypted(room.value())).isTrue();
            assertThat(human.getUserDeviceVerification(botUser.userId(), botDevice).signedByOwner())
                    .as("Element's crypto sees the bot's device cross-signed by its owner").isTrue();

            human.sendText(room.value(), "!ping");
            RoomEvent ping = awaitBody(seen, "!ping");
            assertThat(ping.type()).isEqualTo("m.room.message");
            assertThat(ping.raw().path("type").asText()).isEqualTo("m.room.encrypted");
            assertThat(ping.encryption().senderDevice().map(Object::toString)).contains(human.deviceId());
            assertThat(ping.encryption().crossSignedByOwner()).isTrue();
            assertThat(ping.encryption().senderMasterKey()).isPresent();
            assertThat(ping.encryption().isTrusted()).isTrue();
            aliceSession = ping.encryption().sessionId();

            JsEvent pong = human.awaitEvent(e -> JsEvent.message(room.value(), "pong").test(e) && e.isDecrypted(), WAIT);
            assertThat(pong.sender()).isEqualTo(botUser.userId());

            app.outbox().send("hello-1", room, "m.room.message", text("Hello, encrypted"));
            JsEvent hello = human.awaitMessage(room.value(), "Hello, encrypted", WAIT);
            assertThat(hello.isDecrypted()).isTrue();
        }

        try (BotApplication again = bot.startInProcess(50)) {
            List<RoomEvent> seen = recordEvents(again);
            human.sendText(room.value(), "after the restart");
            RoomEvent after = awaitBody(seen, "after the restart");
            assertThat(after.encryption().sessionId()).as("the same Megolm session as before the restart").isEqualTo(aliceSession);
            assertThat(after.encryption().crossSignedByOwner()).isTrue();

            JsClient second = clients.create(alice.localpart() + "-2");
            second.login(server, alice);
            second.initCrypto();
            second.start(false);
            second.sendText(room.value(), "from the second device");
            RoomEvent fromSecond = awaitBody(seen, "from the second device");
            assertThat(fromSecond.encryption().senderDevice().map(Object::toString)).contains(second.deviceId());
            assertThat(fromSecond.encryption().crossSignedByOwner()).as("the second device is not cross-signed").isFalse();

            again.outbox().send("hello-2", room, "m.room.message", text("Still encrypted after the restart"));
            assertThat(human.awaitMessage(room.value(), "Still encrypted after the restart", WAIT).isDecrypted()).isTrue();
        }
    }

    @Test
    void startUpRefusesAWrongStoreKeyAMissingOneAndALostStore(SynapseServer server) throws Exception {
        RegisteredUser botUser = server.registerUniqueUser("bot");
        TestBot bot = new TestBot(server, botUser, dir);
        bot.startInProcess(50).stop();

        String right = bot.storeKey;
        bot.storeKey = TestBot.randomKey();
        assertThatThrownBy(() -> bot.startInProcess(50)).isInstanceOf(CryptoStartupException.class)
                .hasMessageContaining("store key is not the key this store was written with")
                .hasMessageNotContaining(bot.storeKey).hasMessageNotContaining(right);

        bot.storeKey = "too short";
        assertThatThrownBy(() -> bot.startInProcess(50)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("COMPLIANCE_BOT_STORE_KEY").hasMessageContaining("openssl rand -base64 32");

        Path otherDir = Files.createDirectories(dir.resolve("lost"));
        TestBot lost = new TestBot(server, botUser, otherDir);
        assertThatThrownBy(() -> lost.startInProcess(50)).isInstanceOf(CryptoStartupException.class)
                .hasMessageContaining("the store was lost").hasMessageContaining("Restore the database backup")
                .hasMessageContaining("new device id");

        bot.storeKey = right;
        bot.startInProcess(50).stop();
    }

    @Test
    void startUpRefusesWithoutAStoreKey(SynapseServer server) throws Exception {
        RegisteredUser botUser = server.registerUniqueUser("bot");
        var config = new org.compliancebot.bot.config.ConfigLoader().load(new TestBot(server, botUser, dir).writeConfig(50));
        var secrets = new org.compliancebot.bot.config.Secrets(java.util.Map.of(
                org.compliancebot.bot.config.Secrets.PASSWORD, botUser.password()));
        assertThatThrownBy(() -> new BotApplication(config, secrets, java.time.Clock.systemUTC()).start())
                .isInstanceOf(ConfigException.class).hasMessageContaining("COMPLIANCE_BOT_STORE_KEY")
                .hasMessageContaining("openssl rand -base64 32");
    }

    private ObjectNode text(String body) {
        return mapper.createObjectNode().put("msgtype", "m.text").put("body", body);
    }
}
