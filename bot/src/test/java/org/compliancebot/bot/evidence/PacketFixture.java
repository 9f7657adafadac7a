package org.compliancebot.bot.evidence;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bot.evidence.matrix.HttpTimestampAuthority;
import org.compliancebot.bot.evidence.packet.PacketContent;
import org.compliancebot.bot.evidence.packet.PacketWriter;
import org.compliancebot.bot.evidence.store.PacketExporter;

/**
 * A complete packet without a homeserver: plain and Megolm-encrypted messages with valid event hashes, an
 * edit, a redaction, a validation, an earlier witnessed head, Megolm exports, a time-stamp from a local TSA
 * and an attachment. Used by the tamper and verifier tests.
 */
public final class PacketFixture {
    public static final String INCIDENT = "incident-2025-10-02-001";

    public record Built(Path dir, Path zip, String publicKey, PacketContent content) {}

    public static Built build(Path workDir) throws Exception {
        try (LocalTsa tsa = new LocalTsa();
             EvidenceFixture fx = new EvidenceFixture(workDir, Clock.systemUTC(), new HttpTimestampAuthority(tsa.url()))) {
            SyntheticEvents room = new SyntheticEvents("!incident:localhost");
            EvidenceLinks links = EvidenceLinks.none().plusIncident(INCIDENT);
            List<EvidenceRecord> first = new ArrayList<>();
            var m1 = room.text("@alice:localhost", "Database latency alarm, see ISO27001-A.5.24");
            first.add(EventRecords.fromRawEvent(m1, room.roomId(), SyntheticEvents.VERSION, 1, Optional.empty(), links));
            var e1 = room.encrypted("@alice:localhost", "Rolling back commit 4f2a9c1e7b");
            first.add(EventRecords.fromRawEvent(e1.event(), room.roomId(), SyntheticEvents.VERSION, 2, Optional.of(e1.cleartext()), links));
            var other = new SyntheticEvents("!elsewhere:localhost");
            first.add(EventRecords.fromRawEvent(other.text("@carol:localhost", "unrelated"), other.roomId(), SyntheticEvents.VERSION, 3,
                    Optional.empty(), EvidenceLinks.none()));
            fx.ledger.append(first);
            var head = fx.ledger.signHead();
            fx.db.inTransactionVoid(c -> fx.ledger.store().markWitnessed(c, head.head().size(), "$witness"));

            List<EvidenceRecord> second = new ArrayList<>();
            var e2 = room.encrypted("@bob:localhost", "Temporary password is hunter2");
            second.add(EventRecords.fromRawEvent(e2.event(), room.roomId(), SyntheticEvents.VERSION, 4, Optional.of(e2.cleartext()), links));
            var edit = room.edit("@alice:localhost", m1.get("event_id").asText(), "Database latency alarm on db-2");
            second.add(EventRecords.fromRawEvent(edit, room.roomId(), SyntheticEvents.VERSION, 5, Optional.empty(), links));
            var red = room.redaction("@bob:localhost", e2.event().get("event_id").asText());
            second.add(EventRecords.fromRawEvent(red, room.roomId(), SyntheticEvents.VERSION, 6, Optional.empty(), links));
            var e3 = room.encrypted("@alice:localhost", "Resolved");
            second.add(EventRecords.fromRawEvent(e3.event(), room.roomId(), SyntheticEvents.VERSION, 7, Optional.of(e3.cleartext()), links));
            fx.ledger.append(second);
            fx.ledger.append(List.of(Validations.record(room.roomId(), "$validate1", "@cm:localhost", 1_760_000_100_000L, 8,
                    m1.get("event_id").asText(), true, null, links)));
            fx.ledger.signHead();

            PacketContent content = new PacketExporter(fx.ledger, room.sessions(), Clock.systemUTC())
                    .build(new ExportScope.Incident(INCIDENT), true,
                            Map.of("change-register.json", "[]\n".getBytes(StandardCharsets.UTF_8)), ExportProgress.none());
            Path dir = workDir.resolve("packet");
            Path zip = new PacketWriter(fx.signer).write(content, dir);
            return new Built(dir, zip, fx.key.publicKey().toBase64(), content);
        }
    }

    private PacketFixture() {}
}
