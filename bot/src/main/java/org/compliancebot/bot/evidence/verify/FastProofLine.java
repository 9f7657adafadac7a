package org.compliancebot.bot.evidence.verify;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bridge.crypto.json.CanonicalJsonScanner;

/**
 * Reads one line of proofs.jsonl straight from its bytes when it has exactly the layout the packet writer
 * gives it: {@code {"seq":N,"leaf_hash":"<64 lowercase hex>","tree_size":N,"path":["<base64 of 32 bytes>",...]}}.
 * Like {@link FastRecordLine} it answers only "passes" or "not known"; any other layout, or a check that fails,
 * leaves the line to the parsing checks. One instance per thread.
 */
final class FastProofLine {
    private static final byte[] SEQ = ascii("{\"seq\":");
    private static final byte[] LEAF = ascii(",\"leaf_hash\":\"");
    private static final byte[] SIZE = ascii("\",\"tree_size\":");
    private static final byte[] PATH = ascii(",\"path\":[");
    private static final int H = MerkleHashing.HASH_LENGTH;
    private static final int B64 = 44;
    private static final int MAX_PATH = 64;
    private static final byte[] DECODE = new byte[128];

    static {
        Arrays.fill(DECODE, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            DECODE[alphabet.charAt(i)] = (byte) i;
        }
    }

    private final byte[] buffer = new byte[MAX_PATH * H];
    /** The proof's leaf index, after a parse that passed. */
    long seq;
    /** The proof's path elements, one after the other, after a parse that passed. */
    byte[] path;

    /** True when the line has the writer's layout, names {@code treeSize} and states {@code leaf} as its leaf hash. */
    boolean parse(byte[] b, int from, int to, long treeSize, byte[] leaf) {
        int p = expect(b, from, to, SEQ);
        if (p < 0 || b[p] == '-') {
            return false;
        }
        int end = CanonicalJsonScanner.integer(b, p, to);
        if (end < 0) {
            return false;
        }
        seq = CanonicalJsonScanner.parseInteger(b, p, end);
        p = expect(b, end, to, LEAF);
        if (p < 0 || p + 2 * H > to || !hexIs(b, p, leaf)) {
            return false;
        }
        p = expect(b, p + 2 * H, to, SIZE);
        if (p < 0 || (end = CanonicalJsonScanner.integer(b, p, to)) < 0 || CanonicalJsonScanner.parseInteger(b, p, end) != treeSize) {
            return false;
        }
        p = expect(b, end, to, PATH);
        if (p < 0) {
            return false;
        }
        int n = 0;
        if (p < to && b[p] == ']') {
            p++;
        } else {
            while (true) {
                if (n == MAX_PATH || p + B64 + 3 > to || b[p] != '"' || b[p + B64 + 1] != '"' || !decode(b, p + 1, n * H)) {
                    return false;
                }
                n++;
                p += B64 + 2;
                if (b[p] == ']') {
                    p++;
                    break;
                }
                if (b[p] != ',') {
                    return false;
                }
                p++;
            }
        }
        if (p + 1 != to || b[p] != '}') {
            return false;
        }
        path = Arrays.copyOf(buffer, n * H);
        return true;
    }

    /** Decodes 43 base64 characters and a padding {@code =} into 32 bytes, refusing unused bits that are set. */
    private boolean decode(byte[] b, int at, int out) {
        if (b[at + 43] != '=') {
            return false;
        }
        int o = out;
        for (int i = 0; i < 40; i += 4) {
            int s0 = sextet(b[at + i]);
            int s1 = sextet(b[at + i + 1]);
            int s2 = sextet(b[at + i + 2]);
            int s3 = sextet(b[at + i + 3]);
            if ((s0 | s1 | s2 | s3) < 0) {
                return false;
            }
            int v = s0 << 18 | s1 << 12 | s2 << 6 | s3;
            buffer[o++] = (byte) (v >> 16);
            buffer[o++] = (byte) (v >> 8);
            buffer[o++] = (byte) v;
        }
        int s0 = sextet(b[at + 40]);
        int s1 = sextet(b[at + 41]);
        int s2 = sextet(b[at + 42]);
        if ((s0 | s1 | s2) < 0 || (s2 & 3) != 0) {
            return false;
        }
        int v = s0 << 12 | s1 << 6 | s2;
        buffer[o++] = (byte) (v >> 10);
        buffer[o] = (byte) (v >> 2);
        return true;
    }

    /** The value of a base64 character, or -1. */
    private static int sextet(byte c) {
        return c < 0 ? -1 : DECODE[c];
    }

    private static boolean hexIs(byte[] b, int at, byte[] hash) {
        for (int i = 0; i < hash.length; i++) {
            int hi = nibble(b[at + 2 * i]);
            int lo = nibble(b[at + 2 * i + 1]);
            if (hi < 0 || lo < 0 || (byte) (hi << 4 | lo) != hash[i]) {
                return false;
            }
        }
        return true;
    }

    private static int nibble(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private static int expect(byte[] b, int p, int to, byte[] literal) {
        int end = p + literal.length;
        return end < to && Arrays.equals(b, p, end, literal, 0, literal.length) ? end : -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
