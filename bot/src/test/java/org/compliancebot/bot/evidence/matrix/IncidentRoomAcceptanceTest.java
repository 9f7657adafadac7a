package org.compliancebot.bot.evidence.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.evidence.EventDecryptor;
import org.compliancebot.bot.evidence.EventHashes;
import org.compliancebot.bot.evidence.EvidenceFixture;
import org.compliancebot.bot.evidence.EvidenceKind;
import org.compliancebot.bot.evidence.EvidenceLinks;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.ExportProgress;
import org.compliancebot.bot.evidence.ExportScope;
import org.compliancebot.bot.evidence.SessionExportSource;
import org.compliancebot.bot.evidence.packet.PacketContent;
import org.compliancebot.bot.evidence.packet.PacketWriter;
import org.compliancebot.bot.evidence.store.PacketExporter;
import org.compliancebot.bot.evidence.verify.PacketVerifier;
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
 * Acceptance 1: an encrypted incident room on the real Synapse, written in by matrix-js-sdk users (messages,
 * an edit, a redaction), read by the bot's account through /messages in the federation format, exported and
 * verified offline. The redacted message's record still verifies against its event id.
 */
@ExtendWith(SynapseExtension.class)
class IncidentRoomAcceptanceTest {
    private static final String INCIDENT = "incident-2025-10-02-001";

    @TempDir
    Path dir;

    @Test
    void encryptedIncidentRoomWithEditAndRedactionExportsAndVerifies(SynapseServer server, JsClients js) throws Exception {
        RegisteredUser botUser = server.registerUniqueUser("bot");
        RegisteredUser aliceUser = server.registerUniqueUser("alice");
        RegisteredUser bobUser = server.registerUniqueUser("bob");
        JsClient alice = js.encryptedClient(server, aliceUser);
        JsClient bob = js.encryptedClient(server, bobUser, true);
        String roomId = alice.createRoom("Incident " + INCIDENT, List.of(bobUser.userId(), botUser.userId()));
        assertThat(alice.isRoomEncrypted(roomId)).isTrue();
        MatrixClient bot = MatrixClient.create(server.baseUrl());
        bot.login(UserId.of(botUser.userId()), botUser.password(), DeviceId.of("EVIDENCEBOT"), null);
        RoomId room = bot.join(roomId);
        bob.awaitEvent(e -> e.isTimeline() && roomId.equals(e.roomId()) && "m.room.member".equals(e.type()), java.time.Duration.ofSeconds(30));

        String first = alice.sendText(roomId, "Database latency alarm, investigating");
        String second = bob.sendText(roomId, "Temporary credentials: hunter2 (will remove)");
        String edit = alice.edit(roomId, first, "Database latency alarm on db-2, investigating");

        try (EvidenceFixture fx = new EvidenceFixture(dir)) {
            RoomHistoryExtractor extractor = new RoomHistoryExtractor(bot, fx.ledger, EventDecryptor.none(), Clock.systemUTC());
            // What m.room.create says on this Synapse (12 at the time of writing); all hash-id versions are handled.
            assertThat(extractor.roomVersion(room)).isIn("10", "11", "12");
            EvidenceLinks links = EvidenceLinks.none().plusIncident(INCIDENT);
            RoomHistoryExtractor.Result firstPass = extractor.extract(room, null, null, links, ExportProgress.none());
            assertThat(firstPass.appended()).extracting(EvidenceRecord::eventId).contains(first, second, edit);

            String redaction = bob.redact(roomId, second, "credentials");
            String last = alice.sendText(roomId, "Resolved: index rebuilt");
            RoomHistoryExtractor.Result secondPass = extractor.extract(room, null, null, links, ExportProgress.none());
            assertThat(secondPass.appended()).extracting(EvidenceRecord::eventId).containsExactly(redaction, last);
            assertThat(extractor.extract(room, null, null, links, ExportProgress.none()).appended())
                    .as("extracting the same range again adds nothing").isEmpty();

            List<EvidenceRecord> all = secondPass.appended();
            EvidenceRecord redactionRecord = all.get(0);
            assertThat(redactionRecord.kind()).isEqualTo(EvidenceKind.REDACTION);
            assertThat(redactionRecord.links().relatesTo()).isEqualTo(second);
            EvidenceRecord editRecord = firstPass.appended().stream().filter(r -> r.eventId().equals(edit)).findFirst().orElseThrow();
            assertThat(editRecord.kind()).isEqualTo(EvidenceKind.EDIT);
            assertThat(editRecord.links().relatesTo()).isEqualTo(first);
            EvidenceRecord secondRecord = firstPass.appended().stream().filter(r -> r.eventId().equals(second)).findFirst().orElseThrow();
            assertThat(secondRecord.eventType()).isEqualTo("m.room.encrypted");
            // Every raw event hashes to its id; the one redacted since keeps its original ciphertext and content hash.
            for (EvidenceRecord r : firstPass.appended()) {
                assertThat(EventHashes.eventId(r.rawEvent(), r.roomVersion())).as("reference hash of %s: %s", r.eventId(), r.rawEvent()).isEqualTo(r.eventId());
                assertThat(EventHashes.contentHash(r.rawEvent(), r.roomVersion())).isEqualTo(EventHashes.claimedContentHash(r.rawEvent()).orElseThrow());
            }
            assertThat(secondRecord.content().path("ciphertext").asText()).isNotEmpty();

            PacketContent content = new PacketExporter(fx.ledger, SessionExportSource.none(), Clock.systemUTC())
                    .build(new ExportScope.Incident(INCIDENT), true, Map.of(), ExportProgress.none());
            assertThat(content.records()).extracting(EvidenceRecord::eventId).contains(first, second, edit, redaction, last);
            Path packet = dir.resolve("packet");
            Path zip = new PacketWriter(fx.signer).write(content, packet);
            PacketVerifier.Result result = new PacketVerifier().verify(packet, fx.key.publicKey().toBase64());
            assertThat(result.failure()).isEmpty();
            assertThat(new PacketVerifier().verify(zip, null).ok()).isTrue();

            // Read again from scratch after the redaction: the server now serves the redacted form, which
            // still hashes to its event id.
            try (EvidenceFixture fresh = new EvidenceFixture(dir.resolve("fresh"))) {
                new RoomHistoryExtractor(bot, fresh.ledger, EventDecryptor.none(), Clock.systemUTC())
                        .extract(room, Instant.EPOCH, null, links, ExportProgress.none());
                EvidenceRecord late = fresh.ledger.database().inTransaction(c -> fresh.ledger.store()
                        .rows(c, fresh.ledger.store().seqsByEvent(c, second))).stream()
                        .map(r -> r.parse(new com.fasterxml.jackson.databind.ObjectMapper())).findFirst().orElseThrow();
                assertThat(late.rawEvent().path("content").path("ciphertext").isMissingNode()).isTrue();
                assertThat(EventHashes.eventId(late.rawEvent(), late.roomVersion())).isEqualTo(second);
                PacketContent again = new PacketExporter(fresh.ledger, SessionExportSource.none(), Clock.systemUTC())
                        .build(new ExportScope.Incident(INCIDENT), false, Map.of(), ExportProgress.none());
                Path p2 = dir.resolve("packet-fresh");
                new PacketWriter(fresh.signer).write(again, p2);
                PacketVerifier.Result r2 = new PacketVerifier().verify(p2, null);
                assertThat(r2.failure()).isEmpty();
                assertThat(String.join("\n", r2.passed())).contains("reference hash only");
            }
        }
    }
}
