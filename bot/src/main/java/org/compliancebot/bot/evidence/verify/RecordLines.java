package org.compliancebot.bot.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bot.evidence.RecordCodec;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/**
 * The per-line work of the records check, spread over the cores: each line of records.jsonl and its proof are
 * parsed, the line's leaf hash is the one its proof states, the record is canonical and sits at its proof's leaf;
 * each raw event is checked against its event id. Lines in the common case are checked from their bytes
 * ({@link FastRecordLine}, {@link FastProofLine}); the others, and any the byte checks do not pass, are parsed. Whether the proofs lead to the signed root is left to
 * {@link InclusionTree}. Any line that fails here sends the records check to its line-by-line path, which names
 * the first broken line exactly.
 */
final class RecordLines {
    private static final int CHUNK = 512;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The encrypted records; null where a record is not encrypted. */
    final EvidenceRecord[] records;
    final long[] seqs;
    final byte[][] leaves;
    final ProofPaths.Text paths;
    final Object[] eventOutcomes;
    /** True when every line passed its own checks. */
    final boolean allOk;

    private RecordLines(int n, boolean allOk, EvidenceRecord[] records, long[] seqs, byte[][] leaves, ProofPaths.Text paths,
                        Object[] eventOutcomes) {
        this.allOk = allOk;
        this.records = records;
        this.seqs = seqs;
        this.leaves = leaves;
        this.paths = paths;
        this.eventOutcomes = eventOutcomes;
    }

    static RecordLines check(LineIndex lines, LineIndex proofs, long treeSize) {
        int n = lines.count();
        EvidenceRecord[] records = new EvidenceRecord[n];
        long[] seqs = new long[n];
        byte[][] leaves = new byte[n][];
        ProofPaths.Text paths = new ProofPaths.Text(new byte[n][], new int[n], new int[n]);
        Object[] events = new Object[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        List<Boolean> ok = VerifyPool.forChunks(chunks, c -> {
            FastRecordLine fastRecord = new FastRecordLine();
            FastProofLine fastProof = new FastProofLine();
            for (int i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) {
                if (fast(i, lines, proofs, treeSize, fastRecord, fastProof, seqs, leaves, paths)) {
                    events[i] = fastRecord.hasRawEvent ? EventHashCheck.Outcome.CHECKED : EventHashCheck.Outcome.NO_RAW_EVENT;
                    continue;
                }
                if (!line(i, lines, proofs, treeSize, records, seqs, leaves, paths)) {
                    return false;
                }
                events[i] = EventHashCheck.outcomeOf(records[i]);
                if (!records[i].isEncrypted()) {
                    records[i] = null; // Checked; only encrypted records are read again (by the Megolm check).
                }
            }
            return true;
        });
        return new RecordLines(n, !ok.contains(false), records, seqs, leaves, paths, events);
    }

    /** The checks of {@link #line} for a line in the common case, read from the bytes; false leaves the line to {@link #line}. */
    private static boolean fast(int i, LineIndex lines, LineIndex proofs, long treeSize, FastRecordLine record, FastProofLine proof,
                                long[] seqs, byte[][] leaves, ProofPaths.Text paths) {
        int from = lines.start(i);
        int to = lines.end(i);
        byte[] leaf = MerkleHashing.leafHash(lines.data, from, to - from);
        if (!proof.parse(proofs.data, proofs.start(i), proofs.end(i), treeSize, leaf) || !record.check(lines.data, from, to)
                || record.seq != proof.seq) {
            return false;
        }
        seqs[i] = proof.seq;
        leaves[i] = leaf;
        paths.data()[i] = proofs.data;
        paths.start()[i] = proof.pathStart;
        paths.count()[i] = proof.pathCount;
        return true;
    }

    private static boolean line(int i, LineIndex lines, LineIndex proofs, long treeSize, EvidenceRecord[] records, long[] seqs,
                                byte[][] leaves, ProofPaths.Text paths) {
        byte[] bytes = lines.data;
        int from = lines.start(i);
        int to = lines.end(i);
        try {
            JsonNode proof = MAPPER.readTree(proofs.data, proofs.start(i), proofs.end(i) - proofs.start(i));
            if (proof == null || !proof.isObject() || !proof.path("seq").canConvertToLong()
                    || proof.path("tree_size").asLong(-1) != treeSize) {
                return false;
            }
            long seq = proof.path("seq").asLong(-1);
            byte[] leaf = MerkleHashing.leafHash(bytes, from, to - from);
            byte[] claimed = HexFormat.of().parseHex(proof.path("leaf_hash").asText());
            if (!MessageDigest.isEqual(leaf, claimed)) {
                return false;
            }
            JsonNode pathNode = proof.path("path");
            // One array for the whole path: fewer objects for the collector to move while all proofs are held.
            byte[] path = new byte[pathNode.size() * MerkleHashing.HASH_LENGTH];
            for (int k = 0; k < pathNode.size(); k++) {
                byte[] h = UnpaddedBase64.decode(pathNode.get(k).asText()).orElse(null);
                if (h == null || h.length != MerkleHashing.HASH_LENGTH) {
                    return false;
                }
                System.arraycopy(h, 0, path, k * MerkleHashing.HASH_LENGTH, MerkleHashing.HASH_LENGTH);
            }
            JsonNode json = MAPPER.readTree(bytes, from, to - from);
            if (json == null || !json.isObject()) {
                return false;
            }
            EvidenceRecord r = EvidenceRecord.fromJson(json);
            if (r.seq() != seq || !equals(RecordCodec.encode(r), bytes, from, to)) {
                return false;
            }
            records[i] = r;
            seqs[i] = seq;
            leaves[i] = leaf;
            paths.data()[i] = ProofPaths.Text.layout(path);
            paths.count()[i] = path.length / MerkleHashing.HASH_LENGTH;
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean equals(byte[] a, byte[] b, int from, int to) {
        return Arrays.equals(a, 0, a.length, b, from, to);
    }
}
