package org.compliancebot.bot.evidence.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.compliancebot.bot.evidence.EvidenceLinks;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bot.evidence.RecordCodec;
import org.compliancebot.bot.evidence.TreeHead;

/**
 * SQL for the evidence tables. Every method runs in the caller's transaction. There is no method that
 * updates or deletes a record: the log only grows (and the database triggers of migration 002 refuse
 * changes made around this class).
 */
public final class JdbcEvidenceStore {
    /** How many dedup keys one query looks up (well under the engines' limits on parameters). */
    private static final int DEDUP_QUERY = 500;
    /** From how many new records a batch is encoded on all cores. */
    private static final int PARALLEL_FROM = 64;
    private static final HexFormat HEX = HexFormat.of();
    private final ObjectMapper mapper = new ObjectMapper();

    /** One stored row: the record's exact bytes and the leaf hash stored beside them. */
    public record Row(long seq, byte[] recordBytes, byte[] leafHash) {
        public EvidenceRecord parse(ObjectMapper mapper) {
            try {
                return EvidenceRecord.fromJson(mapper.readTree(recordBytes));
            } catch (IOException e) {
                throw new IllegalStateException("stored record " + seq + " is not JSON", e);
            }
        }
    }

    public long size(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq) + 1, 0) FROM evidence_record");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Appends the records whose {@link EvidenceRecord#dedupKey()} is new, numbering them from the current size,
     * and returns them with their sequence numbers. A record already in the log is not written again; its
     * incident and change-request links are added to the index (not to its bytes, which never change), so an
     * event read again for an incident's archive is part of that incident's packets.
     */
    public List<EvidenceRecord> append(Connection c, List<EvidenceRecord> records, long now) throws SQLException {
        List<EvidenceRecord> out = new ArrayList<>();
        long next = size(c);
        java.util.Map<String, Long> stored = storedSeqs(c, records);
        try (PreparedStatement relink = c.prepareStatement("INSERT INTO evidence_link (seq, link_type, link_value) "
                     + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
             PreparedStatement ins = c.prepareStatement("INSERT INTO evidence_record (seq, dedup_key, kind, room_id, "
                     + "event_id, origin_ts, record_json, leaf_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement link = c.prepareStatement(
                     "INSERT INTO evidence_link (seq, link_type, link_value) VALUES (?, ?, ?)")) {
            java.util.Set<String> inBatch = new java.util.HashSet<>();
            for (EvidenceRecord r : records) {
                String key = r.dedupKey();
                if (!inBatch.add(key)) {
                    continue;
                }
                Long seq = stored.get(key);
                if (seq != null) {
                    for (String v : r.links().incidents()) {
                        addLink(relink, seq, "incident", v);
                    }
                    for (String v : r.links().changeRequests()) {
                        addLink(relink, seq, "cr", v);
                    }
                    continue;
                }
                out.add(r.withSeq(next++));
            }
            // Encoding and hashing are the costly part of a large batch: done on all cores, then stored in order.
            String[] json = new String[out.size()];
            String[] leaves = new String[out.size()];
            java.util.stream.IntStream range = java.util.stream.IntStream.range(0, out.size());
            (out.size() >= PARALLEL_FROM ? range.parallel() : range).forEach(i -> {
                byte[] bytes = RecordCodec.encode(out.get(i));
                json[i] = new String(bytes, StandardCharsets.UTF_8);
                leaves[i] = HEX.formatHex(MerkleHashing.leafHash(bytes));
            });
            for (int i = 0; i < out.size(); i++) {
                EvidenceRecord numbered = out.get(i);
                ins.setLong(1, numbered.seq());
                ins.setString(2, numbered.dedupKey());
                ins.setString(3, numbered.kind().wire());
                ins.setString(4, numbered.roomId());
                ins.setString(5, numbered.eventId());
                ins.setLong(6, numbered.originServerTs());
                ins.setString(7, json[i]);
                ins.setString(8, leaves[i]);
                ins.setLong(9, now);
                ins.addBatch();
                addLinks(link, numbered.seq(), numbered.links());
            }
            if (!out.isEmpty()) {
                ins.executeBatch();
                link.executeBatch();
            }
            relink.executeBatch();
        }
        return out;
    }

    /** The sequence numbers of the records already stored under the dedup keys of {@code records}, a few hundred keys a query. */
    private static java.util.Map<String, Long> storedSeqs(Connection c, List<EvidenceRecord> records) throws SQLException {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        List<String> keys = records.stream().map(EvidenceRecord::dedupKey).distinct().toList();
        for (int from = 0; from < keys.size(); from += DEDUP_QUERY) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + DEDUP_QUERY));
            try (PreparedStatement ps = c.prepareStatement("SELECT dedup_key, seq FROM evidence_record WHERE dedup_key IN ("
                    + String.join(", ", java.util.Collections.nCopies(part.size(), "?")) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        return out;
    }

    private static void addLinks(PreparedStatement ps, long seq, EvidenceLinks links) throws SQLException {
        for (String v : links.incidents()) {
            addLink(ps, seq, "incident", v);
        }
        for (String v : links.changeRequests()) {
            addLink(ps, seq, "cr", v);
        }
        for (String v : links.controls()) {
            addLink(ps, seq, "control", v);
        }
        for (String v : links.commits()) {
            addLink(ps, seq, "commit", v);
        }
        if (links.relatesTo() != null) {
            addLink(ps, seq, "relates_to", links.relatesTo());
        }
    }

    private static void addLink(PreparedStatement ps, long seq, String type, String value) throws SQLException {
        ps.setLong(1, seq);
        ps.setString(2, type);
        ps.setString(3, value);
        ps.addBatch();
    }

    /** Stored leaf hashes from {@code from} on, in order. */
    public List<byte[]> leafHashes(Connection c, long from) throws SQLException {
        List<byte[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT leaf_hash FROM evidence_record WHERE seq >= ? ORDER BY seq")) {
            ps.setLong(1, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(HEX.parseHex(rs.getString(1)));
                }
            }
        }
        return out;
    }

    /** Streams every stored row in order (for the consistency check). */
    public void forEachRow(Connection c, Consumer<Row> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, record_json, leaf_hash FROM evidence_record ORDER BY seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sink.accept(new Row(rs.getLong(1), rs.getString(2).getBytes(StandardCharsets.UTF_8), HEX.parseHex(rs.getString(3))));
            }
        }
    }

    public List<Row> rows(Connection c, List<Long> seqs) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, record_json, leaf_hash FROM evidence_record WHERE seq = ?")) {
            for (long s : seqs) {
                ps.setLong(1, s);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.add(new Row(rs.getLong(1), rs.getString(2).getBytes(StandardCharsets.UTF_8), HEX.parseHex(rs.getString(3))));
                    }
                }
            }
        }
        return out;
    }

    /** Sequence numbers of records linked as {@code type = value} ({@code incident}, {@code cr}, {@code control}, {@code commit}, {@code relates_to}). */
    public List<Long> seqsByLink(Connection c, String type, String value) throws SQLException {
        return seqs(c, "SELECT seq FROM evidence_link WHERE link_type = ? AND link_value = ? ORDER BY seq", type, value);
    }

    /** Sequence numbers of records of a room with origin timestamps in [fromMs, toMs). */
    public List<Long> seqsByRoom(Connection c, String roomId, long fromMs, long toMs) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq FROM evidence_record WHERE room_id = ? AND origin_ts >= ? AND origin_ts < ? ORDER BY seq")) {
            ps.setString(1, roomId);
            ps.setLong(2, fromMs);
            ps.setLong(3, toMs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Sequence numbers of the records of an event (any kind). */
    public List<Long> seqsByEvent(Connection c, String eventId) throws SQLException {
        return seqs(c, "SELECT seq FROM evidence_record WHERE event_id = ? ORDER BY seq", eventId);
    }

    private static List<Long> seqs(Connection c, String sql, String... params) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    // ---- tree heads ----

    public void saveHead(Connection c, TreeHead head, String tsaToken, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO evidence_tree_head (tree_size, head_json, tsa_token, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, head.size());
            ps.setString(2, head.toJson().toString());
            ps.setString(3, tsaToken);
            ps.setLong(4, now);
            ps.executeUpdate();
        }
    }

    public void markWitnessed(Connection c, long size, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE evidence_tree_head SET witness_event_id = ? WHERE tree_size = ?")) {
            ps.setString(1, eventId);
            ps.setLong(2, size);
            ps.executeUpdate();
        }
    }

    /** A stored head with its optional timestamp token (base64 DER) and the event that witnessed it. */
    public record StoredHead(TreeHead head, String tsaToken, String witnessEventId) {}

    public Optional<StoredHead> latestHead(Connection c) throws SQLException {
        List<StoredHead> l = heads(c, "SELECT head_json, tsa_token, witness_event_id FROM evidence_tree_head ORDER BY tree_size DESC LIMIT 1");
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public Optional<StoredHead> latestWitnessedHead(Connection c) throws SQLException {
        List<StoredHead> l = heads(c, "SELECT head_json, tsa_token, witness_event_id FROM evidence_tree_head "
                + "WHERE witness_event_id IS NOT NULL ORDER BY tree_size DESC LIMIT 1");
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public List<StoredHead> allHeads(Connection c) throws SQLException {
        return heads(c, "SELECT head_json, tsa_token, witness_event_id FROM evidence_tree_head ORDER BY tree_size");
    }

    private List<StoredHead> heads(Connection c, String sql) throws SQLException {
        List<StoredHead> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    out.add(new StoredHead(TreeHead.fromJson(mapper.readTree(rs.getString(1))), rs.getString(2), rs.getString(3)));
                } catch (IOException | IllegalArgumentException e) {
                    throw new SQLException("a stored tree head cannot be read: " + e.getMessage(), e);
                }
            }
        }
        return out;
    }
}
