package org.compliancebot.bot.evidence.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.ExportProgress;
import org.compliancebot.bot.evidence.ExportScope;
import org.compliancebot.bot.evidence.SessionExportSource;
import org.compliancebot.bot.evidence.TreeHead;
import org.compliancebot.bot.evidence.packet.MegolmExport;
import org.compliancebot.bot.evidence.packet.PacketContent;
import org.compliancebot.bridge.crypto.megolm.ExportedSessionKey;
import org.compliancebot.bridge.crypto.megolm.MegolmDecodeException;
import org.compliancebot.bridge.crypto.megolm.MegolmMessage;

/**
 * Gathers an audit packet's content from the log: the records in scope (with the edits, redactions and
 * validations of their events), a fresh signed head covering them, an inclusion proof per record,
 * consistency proofs from the last witnessed and the previous signed head, the head's time-stamp token,
 * and, when asked, the Megolm sessions of the encrypted records.
 */
public final class PacketExporter {
    private static final String MEGOLM = "m.megolm.v1.aes-sha2";
    private final EvidenceLedger ledger;
    private final SessionExportSource sessions;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public PacketExporter(EvidenceLedger ledger, SessionExportSource sessions, Clock clock) {
        this.ledger = ledger;
        this.sessions = sessions;
        this.clock = clock;
    }

    public PacketContent build(ExportScope scope, boolean includeMegolm, Map<String, byte[]> attachments, ExportProgress progress) {
        return build(scope, includeMegolm, attachments, progress, room -> { });
    }

    /**
     * As {@link #build(ExportScope, boolean, Map, ExportProgress)}, with {@code roomCheck} called once for each room
     * of the selected records before anything is signed; it refuses the export by throwing.
     */
    public PacketContent build(ExportScope scope, boolean includeMegolm, Map<String, byte[]> attachments, ExportProgress progress,
                               Consumer<String> roomCheck) {
        JdbcEvidenceStore store = ledger.store();
        progress.update("selecting records", 0, 0);
        List<JdbcEvidenceStore.Row> rows = ledger.database().inTransaction(c -> {
            TreeSet<Long> seqs = new TreeSet<>(switch (scope) {
                case ExportScope.Incident i -> store.seqsByLink(c, "incident", i.incidentId());
                case ExportScope.ChangeRequest cr -> store.seqsByLink(c, "cr", cr.crId());
                case ExportScope.Control ctl -> store.seqsByLink(c, "control", ctl.controlId());
                case ExportScope.Room r -> store.seqsByRoom(c, r.roomId(), r.from().toEpochMilli(), r.to().toEpochMilli());
            });
            // Edits, redactions and validations of the selected events come along.
            List<JdbcEvidenceStore.Row> base = store.rows(c, List.copyOf(seqs));
            for (JdbcEvidenceStore.Row row : base) {
                EvidenceRecord r = row.parse(mapper);
                seqs.addAll(store.seqsByLink(c, "relates_to", r.eventId()));
            }
            return store.rows(c, List.copyOf(seqs));
        });
        List<EvidenceRecord> records = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        for (JdbcEvidenceStore.Row row : rows) {
            records.add(row.parse(mapper));
            bytes.add(row.recordBytes());
        }
        records.stream().map(EvidenceRecord::roomId).distinct().forEach(roomCheck);
        JdbcEvidenceStore.StoredHead stored = ledger.signHead();
        TreeHead head = stored.head();
        List<JdbcEvidenceStore.StoredHead> earlier = ledger.database().inTransaction(c -> {
            List<JdbcEvidenceStore.StoredHead> out = new ArrayList<>();
            store.latestWitnessedHead(c).filter(h -> h.head().size() < head.size()).ifPresent(out::add);
            List<JdbcEvidenceStore.StoredHead> all = store.allHeads(c);
            for (int i = all.size() - 1; i >= 0; i--) {
                JdbcEvidenceStore.StoredHead candidate = all.get(i);
                if (candidate.head().size() < head.size()) {
                    if (out.stream().noneMatch(h -> h.head().size() == candidate.head().size())) {
                        out.add(candidate);
                    }
                    break;
                }
            }
            return out;
        });
        List<List<byte[]>> proofs = new ArrayList<>();
        List<PacketContent.HeadProof> consistency = new ArrayList<>();
        ledger.withTree(tree -> {
            for (int i = 0; i < records.size(); i++) {
                proofs.add(tree.inclusionProof(records.get(i).seq(), head.size()));
                if (i % 1000 == 0) {
                    progress.update("proving records", i, records.size());
                }
            }
            for (JdbcEvidenceStore.StoredHead h : earlier) {
                consistency.add(new PacketContent.HeadProof(h.head(), tree.consistencyProof(h.head().size(), head.size())));
            }
            return null;
        });
        progress.update("proving records", records.size(), records.size());
        List<MegolmExport> megolm = includeMegolm ? megolm(records) : List.of();
        byte[] token = stored.tsaToken() == null ? null : Base64.getDecoder().decode(stored.tsaToken());
        return new PacketContent(scope.toJson(), clock.millis(), records, bytes, head, proofs, consistency, token, megolm,
                attachments == null ? Map.of() : attachments);
    }

    private List<MegolmExport> megolm(List<EvidenceRecord> records) {
        Map<String, long[]> firstIndex = new LinkedHashMap<>();
        Map<String, EvidenceRecord> example = new LinkedHashMap<>();
        for (EvidenceRecord r : records) {
            JsonNode c = r.content();
            if (!r.isEncrypted() || !MEGOLM.equals(c.path("algorithm").asText())) {
                continue;
            }
            long index;
            try {
                index = MegolmMessage.fromBase64(c.path("ciphertext").asText()).messageIndex();
            } catch (MegolmDecodeException e) {
                continue;
            }
            String key = r.roomId() + "|" + c.path("sender_key").asText() + "|" + c.path("session_id").asText();
            firstIndex.merge(key, new long[] {index}, (a, b) -> a[0] <= b[0] ? a : b);
            example.putIfAbsent(key, r);
        }
        List<MegolmExport> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : firstIndex.entrySet()) {
            EvidenceRecord r = example.get(e.getKey());
            String senderKey = r.content().path("sender_key").asText();
            String sessionId = r.content().path("session_id").asText();
            Optional<ExportedSessionKey> export = sessions.export(r.roomId(), senderKey, sessionId, e.getValue()[0]);
            export.ifPresent(k -> out.add(new MegolmExport(r.roomId(), senderKey, sessionId, k.messageIndex(), k.toBase64())));
        }
        return out;
    }
}
