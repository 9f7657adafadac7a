package org.compliancebot.bot.evidence.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bot.evidence.EventDecryptor;
import org.compliancebot.bot.evidence.EventRecords;
import org.compliancebot.bot.evidence.EvidenceFixture;
import org.compliancebot.bot.evidence.EvidenceKind;
import org.compliancebot.bot.evidence.EvidenceLinks;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.ExportProgress;
import org.compliancebot.bot.evidence.ExportScope;
import org.compliancebot.bot.evidence.SyntheticEvents;
import org.compliancebot.bot.evidence.packet.PacketContent;
import org.compliancebot.bot.evidence.packet.PacketWriter;
import org.compliancebot.bot.evidence.store.PacketExporter;
import org.compliancebot.bot.evidence.verify.PacketVerifier;
import org.compliancebot.bridge.event.EncryptionInfo;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An encrypted edit whose relation travels only in the clear part of the event: the decryption puts the
 * relation into the content for the bot's features, but the record must hold the plaintext exactly, or the
 * verifier's re-decryption with the packet's Megolm session would report a changed cleartext.
 */
class EncryptedEditEvidenceTest {
    private static final String INCIDENT = "incident-2025-10-02-009";
    private static final String ALICE = "@alice:localhost";

    @TempDir
    Path dir;

    /** The event as sync hands it over after decryption, with the relation copied into the content. */
    private static RoomEvent decryptedBySync(SyntheticEvents.Encrypted edit, boolean reportsCopy) throws Exception {
        ObjectNode raw = edit.event();
        RoomEvent wire = RoomEvent.parse(RoomId.of(raw.get("room_id").asText()), raw);
        ObjectNode content = ((ObjectNode) edit.cleartext().payload().get("content")).deepCopy();
        content.set("m.relates_to", raw.path("content").path("m.relates_to").deepCopy());
        EncryptionInfo info = new EncryptionInfo(UserId.of(ALICE), Optional.of(DeviceId.of("ALICEDEVICE")),
                raw.path("content").path("sender_key").asText(), "ed", Optional.empty(), true,
                raw.path("content").path("session_id").asText(), 1, true, reportsCopy);
        return wire.decrypted("m.room.message", content, info);
    }

    private PacketVerifier.Result export(boolean reportsCopy, String name) throws Exception {
        SyntheticEvents room = new SyntheticEvents("!edits:localhost");
        EvidenceLinks links = EvidenceLinks.none().plusIncident(INCIDENT);
        try (EvidenceFixture fx = new EvidenceFixture(dir.resolve(name))) {
            SyntheticEvents.Encrypted original = room.encrypted(ALICE, "Failover to db-2 started");
            String target = original.event().get("event_id").asText();
            SyntheticEvents.Encrypted edit = room.encryptedEditClearRelation(ALICE, target, "Failover to db-3 started");
            EventDecryptor.Cleartext clear = SyncCleartext.of(decryptedBySync(edit, reportsCopy)).orElseThrow();
            EvidenceRecord editRecord = EventRecords.fromRawEvent(edit.event(), room.roomId(), SyntheticEvents.VERSION, 2,
                    Optional.of(clear), links);
            assertThat(editRecord.kind()).isEqualTo(EvidenceKind.EDIT);
            assertThat(editRecord.links().relatesTo()).isEqualTo(target);
            fx.ledger.append(List.of(EventRecords.fromRawEvent(original.event(), room.roomId(), SyntheticEvents.VERSION, 1,
                    Optional.of(original.cleartext()), links), editRecord));
            PacketContent content = new PacketExporter(fx.ledger, room.sessions(), Clock.systemUTC())
                    .build(new ExportScope.Incident(INCIDENT), true, Map.of(), ExportProgress.none());
            assertThat(content.megolm()).hasSize(1);
            Path packet = dir.resolve(name + "-packet");
            new PacketWriter(fx.signer).write(content, packet);
            return new PacketVerifier().verify(packet, fx.key.publicKey().toBase64());
        }
    }

    @Test
    void anEncryptedEditWithItsRelationInTheClearVerifiesWithItsMegolmSession() throws Exception {
        PacketVerifier.Result result = export(true, "fixed");
        assertThat(result.failure()).isEmpty();
        assertThat(result.passed()).anyMatch(l -> l.contains("2 ciphertexts decrypt to their records"));
    }

    @Test
    void recordingTheCopiedRelationAsCleartextWouldFailTheMegolmCheck() throws Exception {
        // What the log held before the decryption reported the copy: the verifier rightly calls it a changed cleartext.
        PacketVerifier.Result result = export(false, "copied");
        assertThat(result.failure()).isPresent();
        assertThat(result.failure().get().reason()).contains("the recorded cleartext differs from the decrypted ciphertext");
    }
}
