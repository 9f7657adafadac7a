package org.compliancebot.bot.evidence.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.compliancebot.bot.app.BotApplication;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.evidence.EventHashes;
import org.compliancebot.bot.evidence.EvidenceKind;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.ExportProgress;
import org.compliancebot.bot.evidence.ExportScope;
import org.compliancebot.bot.evidence.packet.PacketContent;
import org.compliancebot.bot.evidence.packet.PacketWriter;
import org.compliancebot.bot.evidence.verify.PacketVerifier;
import org.compliancebot.bot.evidence.RoomAccess;
import org.compliancebot.bot.evidence.SearchHit;
import org.compliancebot.bot.evidence.SenderTrust;
import org.compliancebot.bridge.api.CreateRoomRequest;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.e2ee.StoreKey;
import org.compliancebot.bridge.e2ee.StoredRoomKeys;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 4 with the running bot on the real Synapse: a message mentioning ISO27001-9.4.3 and a commit in a
 * monitored room becomes evidence linked to that control (with the server's hashes); the compliance manager
 * validates it; search finds it for a member and for an auditor, not for a user outside the room.
 *
 * <p>The room is end-to-end encrypted and the member posts through matrix-js-sdk with its crypto: the record
 * keeps the ciphertext with the server's hashes, and the cleartext, sending device and cross-signing state
 * the bot's sync decryption found.
 */
@ExtendWith(SynapseExtension.class)
class MonitoredRoomAcceptanceTest {
    @TempDir
    Path dir;

    private static MatrixClient login(SynapseServer server, RegisteredUser u) {
        MatrixClient c = MatrixClient.create(server.baseUrl());
        c.login(UserId.of(u.userId()), u.password(), DeviceId.of("PLAIN" + Math.abs(u.localpart().hashCode())), null);
        return c;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    @Test
    void encryptedControlMentionBecomesEvidenceAndSearchRespectsMembership(SynapseServer server, JsClients clients) throws Exception {
        RegisteredUser botUser = server.registerUniqueUser("bot");
        RegisteredUser carolUser = server.registerUniqueUser("carol");
        RegisteredUser daveUser = server.registerUniqueUser("dave");
        RegisteredUser auditorUser = server.registerUniqueUser("auditor");
        MatrixClient carol = login(server, carolUser);
        RoomId room = carol.createRoom(CreateRoomRequest.builder().preset("private_chat").name("compliance-iso27001")
                .initialState("m.room.encryption", "", new ObjectMapper().createObjectNode().put("algorithm", "m.megolm.v1.aes-sha2"))
                .invite(botUser.userId()).build());
        JsClient carolJs = clients.encryptedClient(server, carolUser);
        String yaml = """
                homeserver:
                  url: %s
                bot:
                  user_id: "%s"
                  device_id: EVIDENCEBOT
                database:
                  url: jdbc:sqlite:%s
                sync:
                  poll_timeout_seconds: 2
                roles:
                  compliance_manager: ["%s"]
                  auditor: ["%s"]
                evidence:
                  monitored_rooms: ["%s"]
                  witness_interval_minutes: 0
                """.formatted(server.baseUrl(), botUser.userId(), dir.resolve("bot.db"), carolUser.userId(), auditorUser.userId(), room.value());
        Files.writeString(dir.resolve("config.yaml"), yaml);
        EvidenceModule module = new EvidenceModule();
        String storeKey = randomKey();
        String sessionId;
        try (BotApplication app = new BotApplication(new ConfigLoader().load(dir.resolve("config.yaml")),
                new Secrets(Map.of(Secrets.PASSWORD, botUser.password(), Secrets.EVIDENCE_KEY, "test evidence key, long enough",
                        Secrets.STORE_KEY, storeKey)),
                Clock.systemUTC()).with(module)) {
            app.start();
            await("the bot to join", () -> carol.joinedMembers(room).contains(UserId.of(botUser.userId())));
            await("the bot's device to be cross-signed", () -> app.e2ee().isCrossSigningReady());
            assertThat(carolJs.isRoomEncrypted(room.value())).isTrue();
            String body = "Deployed MFA for admin access per ISO27001-9.4.3 [commit abc123]";
            EventId mention = EventId.of(carolJs.sendText(room.value(), body));
            carolJs.sendText(room.value(), "Lunch at noon?");

            ObjectMapper mapper = new ObjectMapper();
            await("the evidence record", () -> module.ledger().size() > 0);
            EvidenceRecord record = module.ledger().database().inTransaction(c -> module.ledger().store()
                    .rows(c, module.ledger().store().seqsByLink(c, "control", "ISO27001-9.4.3"))).get(0).parse(mapper);
            assertThat(record.eventId()).isEqualTo(mention.value());
            assertThat(record.links().controls()).containsExactly("ISO27001-9.4.3");
            assertThat(record.links().commits()).containsExactly("abc123");
            assertThat(record.sender()).isEqualTo(carolUser.userId());
            assertThat(EventHashes.eventId(record.rawEvent(), record.roomVersion())).isEqualTo(mention.value());
            assertThat(record.isEncrypted()).isTrue();
            assertThat(record.rawEvent().path("type").asText()).isEqualTo("m.room.encrypted");
            assertThat(record.decrypted().path("type").asText()).isEqualTo("m.room.message");
            assertThat(record.decrypted().path("content").path("body").asText()).isEqualTo(body);
            assertThat(record.senderDevice()).isEqualTo(carolJs.deviceId());
            assertThat(record.senderTrust()).isEqualTo(SenderTrust.CROSS_SIGNED);
            assertThat(module.ledger().size()).as("only the mention became evidence").isEqualTo(1);

            carolJs.sendText(room.value(), "!evidence validate " + mention.value());
            await("the validation", () -> module.ledger().size() == 2);
            EvidenceRecord verdict = module.ledger().database().inTransaction(c -> module.ledger().store()
                    .rows(c, List.of(1L))).get(0).parse(mapper);
            assertThat(verdict.kind()).isEqualTo(EvidenceKind.VALIDATION);
            assertThat(verdict.links().relatesTo()).isEqualTo(mention.value());
            assertThat(verdict.links().controls()).containsExactly("ISO27001-9.4.3");

            List<SearchHit> forCarol = module.search().search(new RoomAccess.Reader(carolUser.userId(), false), "ISO27001-9.4.3", List.of(), null, null, 10);
            assertThat(forCarol).extracting(SearchHit::eventId).containsExactly(mention.value());
            assertThat(module.search().search(new RoomAccess.Reader(carolUser.userId(), false), "lunch", List.of(), null, null, 10)).hasSize(1);
            assertThat(module.search().search(new RoomAccess.Reader(daveUser.userId(), false), "ISO27001-9.4.3", List.of(), null, null, 10))
                    .as("a user outside the room sees nothing").isEmpty();
            assertThat(module.search().search(new RoomAccess.Reader(daveUser.userId(), false), "ISO27001-9.4.3", List.of(room.value()), null, null, 10)).isEmpty();
            assertThat(module.search().search(new RoomAccess.Reader(auditorUser.userId(), module.isAuditor(UserId.of(auditorUser.userId()))),
                    "MFA admin", List.of(), null, null, 10)).extracting(SearchHit::eventId).containsExactly(mention.value());
            assertThat(module.isAuditor(UserId.of(daveUser.userId()))).isFalse();
            assertThat(module.checker().check().ok()).isTrue();

            // The packet carries the Megolm session from the bot's crypto store; the verifier decrypts with it.
            sessionId = record.content().path("session_id").asText();
            PacketContent packet = module.exporter().build(new ExportScope.Control("ISO27001-9.4.3"), true, Map.of(),
                    ExportProgress.none());
            assertThat(packet.megolm()).singleElement().satisfies(m -> {
                assertThat(m.roomId()).isEqualTo(room.value());
                assertThat(m.sessionId()).isEqualTo(record.content().path("session_id").asText());
            });
            Path out = dir.resolve("packet");
            new PacketWriter(module.ledger().signer()).write(packet, out);
            PacketVerifier.Result result = new PacketVerifier().verify(out, null);
            assertThat(result.failure()).isEmpty();
            assertThat(result.passed()).contains("Megolm ciphertexts: 1 ciphertexts decrypt to their records with 1 included session(s)");
        }

        // The command line reads the same session from the store, without the homeserver.
        try (Database db = Database.openSqlite(dir.resolve("bot.db"))) {
            var keys = CryptoStoreSessions.of(new StoredRoomKeys(db, StoreKey.parse(storeKey), UserId.of(botUser.userId()),
                    DeviceId.of("EVIDENCEBOT"), Clock.systemUTC()));
            assertThat(keys.export(room.value(), "", sessionId, 0)).hasValueSatisfying(k ->
                    assertThat(k.sessionId()).isEqualTo(sessionId));
            assertThat(keys.export(room.value(), "", "no-such-session", 0)).isEmpty();
        }
    }
}
