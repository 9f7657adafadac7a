package org.compliancebot.bot.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bot.evidence.RecordCodec;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/**
 * The per-line work of the records check, spread over the cores: each line of records.jsonl is a canonical record
 * (its raw event checked against its event id), each line of proofs.jsonl a proof for the signed tree's size, and
 * line for line the proof names the record's sequence number and leaf hash. Both files are cut into pieces of
 * about a megabyte at line starts, and each piece is read front to back, its lines found by reading them. Lines
 * in the common case are checked from their bytes ({@link FastRecordLine}, {@link FastProofLine}); the others,
 * and any the byte checks do not pass, are parsed. Whether the proofs lead to the signed root is left to
 * {@link InclusionTree}. Anything that fails here, down to a missing newline, sends the records check to its
 * line-by-line path, which names the first broken line exactly.
 */
final class RecordLines {
    private static final int PIECE = 1 << 20;
    private static final int H = MerkleHashing.HASH_LENGTH;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    // One reader per thread, kept from piece to piece and from packet to packet: each holds a digest and caches.
    private static final ThreadLocal<FastRecordLine> FAST_RECORDS = ThreadLocal.withInitial(FastRecordLine::new);
    private static final ThreadLocal<FastProofLine> FAST_PROOFS = ThreadLocal.withInitial(FastProofLine::new);

    /** The encrypted records; null where a record is not encrypted. */
    final EvidenceRecord[] records;
    final long[] seqs;
    final byte[][] leaves;
    final ProofPaths.Text paths;
    final Object[] eventOutcomes;
    /** True when every line passed its own checks and each proof names its record. */
    final boolean allOk;

    private RecordLines(boolean allOk, EvidenceRecord[] records, long[] seqs, byte[][] leaves, ProofPaths.Text paths,
                        Object[] eventOutcomes) {
        this.allOk = allOk;
        this.records = records;
        this.seqs = seqs;
        this.leaves = leaves;
        this.paths = paths;
        this.eventOutcomes = eventOutcomes;
    }

    static RecordLines check(byte[] records, byte[] proofs, long treeSize) {
        return check(records, proofs, treeSize, PIECE);
    }

    /** As {@link #check(byte[], byte[], long)} with pieces of about {@code piece} bytes. */
    static RecordLines check(byte[] records, byte[] proofs, long treeSize, int piece) {
        int[] recordPieces = pieces(records, piece);
        int[] proofPieces = pieces(proofs, piece);
        int rp = recordPieces.length - 1;
        List<Object> done = VerifyPool.forChunks(rp + proofPieces.length - 1, c -> c < rp
                ? Records.read(records, recordPieces[c], recordPieces[c + 1])
                : Proofs.read(proofs, proofPieces[c - rp], proofPieces[c - rp + 1], treeSize));
        Records r = Records.joined(done.subList(0, rp).stream().map(Records.class::cast).toList());
        Proofs p = Proofs.joined(done.subList(rp, done.size()).stream().map(Proofs.class::cast).toList());
        boolean ok = r != null && p != null && r.count == p.count;
        if (ok) {
            for (int i = 0; i < r.count && ok; i++) {
                ok = r.seqs[i] == p.seqs[i] && Arrays.equals(p.claimed, i * H, (i + 1) * H, r.leaves[i], 0, H);
            }
        }
        if (!ok) {
            return new RecordLines(false, null, null, null, null, null);
        }
        return new RecordLines(true, r.records, r.seqs, r.leaves, new ProofPaths.Text(p.data, p.pathStart, p.pathCount), r.outcomes);
    }

    /** Where the pieces of {@code data} start, each at the start of a line, and the end of the data last. */
    private static int[] pieces(byte[] data, int piece) {
        int n = Math.max(1, data.length / piece);
        int[] starts = new int[n + 1];
        for (int k = 1; k < n; k++) {
            int at = Math.max(starts[k - 1], k * piece);
            while (at < data.length && data[at - 1] != '\n') {
                at++;
            }
            starts[k] = at;
        }
        starts[n] = data.length;
        return starts;
    }

    /** The end of the line starting at {@code from} (the position of its newline), or -1 when the data ends first. */
    private static int lineEnd(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean anyNull(List<?> parts) {
        for (Object p : parts) {
            if (p == null) {
                return true;
            }
        }
        return false;
    }

    /** The records of one piece, or of all pieces once joined; null where a line failed. */
    private record Records(int count, long[] seqs, byte[][] leaves, Object[] outcomes, EvidenceRecord[] records) {
        static Records read(byte[] b, int from, int to) {
            int most = Math.max(16, (to - from) / 512);
            Records out = new Records(0, new long[most], new byte[most][], new Object[most], new EvidenceRecord[most]);
            FastRecordLine fast = FAST_RECORDS.get();
            int n = 0;
            for (int at = from; at < to; ) {
                if (n == out.seqs.length) {
                    out = out.grown();
                }
                int end = fast.checkObject(b, at, to);
                if (end >= 0 && end < to && b[end] == '\n') {
                    out.seqs[n] = fast.seq;
                    out.outcomes[n] = fast.hasRawEvent ? EventHashCheck.Outcome.CHECKED : EventHashCheck.Outcome.NO_RAW_EVENT;
                } else {
                    end = lineEnd(b, at, to);
                    EvidenceRecord r = end > at ? parsed(b, at, end) : null;
                    if (r == null) {
                        return null;
                    }
                    out.seqs[n] = r.seq();
                    out.outcomes[n] = EventHashCheck.outcomeOf(r);
                    // Only encrypted records are read again (by the Megolm check).
                    out.records[n] = r.isEncrypted() ? r : null;
                }
                out.leaves[n] = MerkleHashing.leafHash(b, at, end - at);
                n++;
                at = end + 1;
            }
            return new Records(n, out.seqs, out.leaves, out.outcomes, out.records);
        }

        private Records grown() {
            int m = seqs.length * 2;
            return new Records(count, Arrays.copyOf(seqs, m), Arrays.copyOf(leaves, m), Arrays.copyOf(outcomes, m), Arrays.copyOf(records, m));
        }

        /** The record on the line {@code b[from, to)} when it is one in canonical form, else null. */
        private static EvidenceRecord parsed(byte[] b, int from, int to) {
            try {
                JsonNode json = MAPPER.readTree(b, from, to - from);
                if (json == null || !json.isObject()) {
                    return null;
                }
                EvidenceRecord r = EvidenceRecord.fromJson(json);
                byte[] canonical = RecordCodec.encode(r);
                return Arrays.equals(canonical, 0, canonical.length, b, from, to) ? r : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        static Records joined(List<Records> parts) {
            if (anyNull(parts)) {
                return null;
            }
            int total = parts.stream().mapToInt(Records::count).sum();
            Records out = new Records(total, new long[total], new byte[total][], new Object[total], new EvidenceRecord[total]);
            int at = 0;
            for (Records p : parts) {
                System.arraycopy(p.seqs, 0, out.seqs, at, p.count);
                System.arraycopy(p.leaves, 0, out.leaves, at, p.count);
                System.arraycopy(p.outcomes, 0, out.outcomes, at, p.count);
                System.arraycopy(p.records, 0, out.records, at, p.count);
                at += p.count;
            }
            return out;
        }
    }

    /**
     * The proofs of one piece, or of all pieces once joined; null where a line failed. The leaf hashes the proofs
     * state are one after the other in {@code claimed}. A proof read from its bytes has its path as text in the
     * file; a parsed one has its path laid out as text of its own.
     */
    private record Proofs(int count, long[] seqs, byte[] claimed, byte[][] data, int[] pathStart, int[] pathCount) {
        static Proofs read(byte[] b, int from, int to, long treeSize) {
            int most = Math.max(16, (to - from) / 512);
            Proofs out = new Proofs(0, new long[most], new byte[most * H], new byte[most][], new int[most], new int[most]);
            FastProofLine fast = FAST_PROOFS.get();
            int n = 0;
            for (int at = from; at < to; ) {
                if (n == out.seqs.length) {
                    out = out.grown();
                }
                int end = fast.parseObject(b, at, to, treeSize);
                if (end >= 0 && end < to && b[end] == '\n') {
                    out.seqs[n] = fast.seq;
                    System.arraycopy(fast.leaf, 0, out.claimed, n * H, H);
                    out.data[n] = b;
                    out.pathStart[n] = fast.pathStart;
                    out.pathCount[n] = fast.pathCount;
                } else {
                    end = lineEnd(b, at, to);
                    if (end <= at || !parsed(b, at, end, treeSize, out, n)) {
                        return null;
                    }
                }
                n++;
                at = end + 1;
            }
            return new Proofs(n, out.seqs, out.claimed, out.data, out.pathStart, out.pathCount);
        }

        private Proofs grown() {
            int m = seqs.length * 2;
            return new Proofs(count, Arrays.copyOf(seqs, m), Arrays.copyOf(claimed, m * H), Arrays.copyOf(data, m),
                    Arrays.copyOf(pathStart, m), Arrays.copyOf(pathCount, m));
        }

        /** Parses the proof on the line {@code b[from, to)} into entry {@code n}; false when it is none for {@code treeSize}. */
        private static boolean parsed(byte[] b, int from, int to, long treeSize, Proofs out, int n) {
            try {
                JsonNode proof = MAPPER.readTree(b, from, to - from);
                if (proof == null || !proof.isObject() || !proof.path("seq").canConvertToLong()
                        || proof.path("tree_size").asLong(-1) != treeSize) {
                    return false;
                }
                JsonNode pathNode = proof.path("path");
                byte[] path = new byte[pathNode.size() * H];
                for (int k = 0; k < pathNode.size(); k++) {
                    byte[] h = UnpaddedBase64.decode(pathNode.get(k).asText()).orElse(null);
                    if (h == null || h.length != H) {
                        return false;
                    }
                    System.arraycopy(h, 0, path, k * H, H);
                }
                out.seqs[n] = proof.path("seq").asLong(-1);
                byte[] leaf = HexFormat.of().parseHex(proof.path("leaf_hash").asText());
                if (leaf.length != H) {
                    return false;
                }
                System.arraycopy(leaf, 0, out.claimed, n * H, H);
                out.data[n] = ProofPaths.Text.layout(path);
                out.pathStart[n] = 0;
                out.pathCount[n] = pathNode.size();
                return true;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        static Proofs joined(List<Proofs> parts) {
            if (anyNull(parts)) {
                return null;
            }
            int total = parts.stream().mapToInt(Proofs::count).sum();
            Proofs out = new Proofs(total, new long[total], new byte[total * H], new byte[total][], new int[total], new int[total]);
            int at = 0;
            for (Proofs p : parts) {
                System.arraycopy(p.seqs, 0, out.seqs, at, p.count);
                System.arraycopy(p.claimed, 0, out.claimed, at * H, p.count * H);
                System.arraycopy(p.data, 0, out.data, at, p.count);
                System.arraycopy(p.pathStart, 0, out.pathStart, at, p.count);
                System.arraycopy(p.pathCount, 0, out.pathCount, at, p.count);
                at += p.count;
            }
            return out;
        }
    }
}
