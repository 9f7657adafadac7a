package org.compliancebot.bot.evidence.verify;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bridge.crypto.json.CanonicalJsonScanner;

/**
 * Reads one line of proofs.jsonl straight from its bytes when it has exactly the layout the packet writer
 * gives it: {@code {"seq":N,"leaf_hash":"<64 lowercase hex>","tree_size":N,"path":["<44 characters>",...]}}. The
 * path elements are not decoded here: {@link InclusionTree} compares their text ({@link ProofPaths.Text}).
 * Like {@link FastRecordLine} it answers only "passes" or "not known"; any other layout, or a check that fails,
 * leaves the line to the parsing checks. One instance per thread.
 */
final class FastProofLine {
    private static final byte[] SEQ = ascii("{\"seq\":");
    private static final byte[] LEAF = ascii(",\"leaf_hash\":\"");
    private static final byte[] SIZE = ascii("\",\"tree_size\":");
    private static final byte[] PATH = ascii(",\"path\":[");
    private static final int H = MerkleHashing.HASH_LENGTH;
    private static final int B64 = ProofPaths.Text.TEXT;
    private static final int MAX_PATH = 64;
    /** The proof's leaf index, after a parse that passed. */
    long seq;
    /** The leaf hash the proof states, after a parse that passed. */
    final byte[] leaf = new byte[H];
    /** Where the text of the first path element starts in the line's bytes, and how many elements, after a parse that passed. */
    int pathStart;
    int pathCount;

    /** True when the line {@code b[from, to)} has the writer's layout, names {@code treeSize} and states {@code leaf} as its leaf hash. */
    boolean parse(byte[] b, int from, int to, long treeSize, byte[] leaf) {
        return parseObject(b, from, to, treeSize) == to && Arrays.equals(this.leaf, leaf);
    }

    /**
     * Reads the proof that starts at {@code from} and lies before {@code limit}, in the writer's layout and naming
     * {@code treeSize}; returns where it ends, or -1. The leaf hash it states is left in {@link #leaf}.
     */
    int parseObject(byte[] b, int from, int limit, long treeSize) {
        int to = limit;
        int p = expect(b, from, to, SEQ);
        if (p < 0 || b[p] == '-') {
            return -1;
        }
        int end = CanonicalJsonScanner.integer(b, p, to);
        if (end < 0) {
            return -1;
        }
        seq = CanonicalJsonScanner.parseInteger(b, p, end);
        p = expect(b, end, to, LEAF);
        if (p < 0 || p + 2 * H > to || !leaf(b, p, leaf, 0)) {
            return -1;
        }
        p = expect(b, p + 2 * H, to, SIZE);
        if (p < 0 || (end = CanonicalJsonScanner.integer(b, p, to)) < 0 || CanonicalJsonScanner.parseInteger(b, p, end) != treeSize) {
            return -1;
        }
        p = expect(b, end, to, PATH);
        if (p < 0) {
            return -1;
        }
        int n = 0;
        pathStart = p + 1;
        if (p < to && b[p] == ']') {
            p++;
        } else {
            // The elements are left as text: the tree compares them with its nodes in base64 (ProofPaths.Text).
            while (true) {
                if (n == MAX_PATH || p + B64 + 3 > to || b[p] != '"' || b[p + B64 + 1] != '"') {
                    return -1;
                }
                n++;
                p += B64 + 2;
                if (b[p] == ']') {
                    p++;
                    break;
                }
                if (b[p] != ',') {
                    return -1;
                }
                p++;
            }
        }
        if (p >= to || b[p] != '}') {
            return -1;
        }
        pathCount = n;
        return p + 1;
    }

    /**
     * Decodes the 64 lowercase hex digits at {@code at} into {@code out} from {@code offset}; false when they are
     * not all lowercase hex digits.
     */
    static boolean leaf(byte[] b, int at, byte[] out, int offset) {
        int bad = 0;
        for (int i = 0; i < H; i++) {
            int hi = HEX[b[at + 2 * i] & 0xff];
            int lo = HEX[b[at + 2 * i + 1] & 0xff];
            bad |= hi | lo;
            out[offset + i] = (byte) (hi << 4 | lo);
        }
        return bad >= 0;
    }

    /** The value of each lowercase hex digit; -1 for every other byte. */
    private static final int[] HEX = hexValues();

    private static int[] hexValues() {
        int[] v = new int[256];
        Arrays.fill(v, -1);
        for (int c = '0'; c <= '9'; c++) {
            v[c] = c - '0';
        }
        for (int c = 'a'; c <= 'f'; c++) {
            v[c] = c - 'a' + 10;
        }
        return v;
    }

    private static int expect(byte[] b, int p, int to, byte[] literal) {
        int end = p + literal.length;
        return end < to && Arrays.equals(b, p, end, literal, 0, literal.length) ? end : -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
