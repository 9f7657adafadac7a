package org.compliancebot.bridge.crypto.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Checks bytes for being canonical JSON exactly as {@link CanonicalJson} writes it, without building objects:
 * no whitespace, object keys strictly ascending, strings escaped only where the writer escapes (quote,
 * backslash, control characters, with the short forms where there are some and lowercase six-character escapes
 * otherwise), well-formed UTF-8, and integers in [-(2^53)+1, 2^53-1] with no sign on zero, no leading zero,
 * no fraction and no exponent. When a check passes, parsing the bytes and encoding them with
 * {@link CanonicalJson} gives the same bytes.
 *
 * <p>The scanner is strict and may refuse some canonical input: object keys must be free of escapes (so that
 * comparing their bytes compares their code points) and nesting is limited to {@value #MAX_DEPTH} levels.
 * Callers treat a refusal as "not known to be canonical" and may decide by parsing instead. Stateless and
 * thread-safe; {@link Members} is a cursor for one thread.
 */
public final class CanonicalJsonScanner {
    /** The result of a scan that failed. */
    public static final int NOT_CANONICAL = -1;
    public static final int MAX_DEPTH = 128;
    private static final long MAX_SAFE = (1L << 53) - 1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private CanonicalJsonScanner() {}

    /** True when {@code b[from, to)} is exactly one canonical JSON value. */
    public static boolean isCanonical(byte[] b, int from, int to) {
        return from < to && value(b, from, to, 0) == to;
    }

    /**
     * The end (exclusive) of the canonical value that starts at {@code i}, which must lie before {@code to}; or
     * {@link #NOT_CANONICAL}. {@code depth} is the nesting depth of the value.
     */
    public static int value(byte[] b, int i, int to, int depth) {
        if (i >= to) {
            return NOT_CANONICAL;
        }
        return switch (b[i]) {
            case '"' -> string(b, i, to);
            case '{' -> object(b, i, to, depth);
            case '[' -> array(b, i, to, depth);
            case 't' -> literal(b, i, to, TRUE);
            case 'f' -> literal(b, i, to, FALSE);
            case 'n' -> literal(b, i, to, NULL);
            default -> integer(b, i, to);
        };
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private static int literal(byte[] b, int i, int to, byte[] word) {
        int end = i + word.length;
        return end <= to && Arrays.equals(b, i, end, word, 0, word.length) ? end : NOT_CANONICAL;
    }

    private static int object(byte[] b, int i, int to, int depth) {
        if (depth >= MAX_DEPTH) {
            return NOT_CANONICAL;
        }
        Members m = new Members(b, i, to, depth);
        while (m.next()) {
            // Each member is checked by next().
        }
        return m.end();
    }

    private static int array(byte[] b, int i, int to, int depth) {
        if (depth >= MAX_DEPTH) {
            return NOT_CANONICAL;
        }
        int p = i + 1;
        if (p < to && b[p] == ']') {
            return p + 1;
        }
        while (true) {
            p = value(b, p, to, depth + 1);
            if (p < 0 || p >= to) {
                return NOT_CANONICAL;
            }
            if (b[p] == ']') {
                return p + 1;
            }
            if (b[p] != ',') {
                return NOT_CANONICAL;
            }
            p++;
        }
    }

    /** The end of the canonical integer at {@code i}, or {@link #NOT_CANONICAL}. */
    public static int integer(byte[] b, int i, int to) {
        int p = i;
        boolean negative = p < to && b[p] == '-';
        if (negative) {
            p++;
        }
        if (p >= to || b[p] < '0' || b[p] > '9') {
            return NOT_CANONICAL;
        }
        if (b[p] == '0') {
            p++;
            if (negative) {
                return NOT_CANONICAL; // -0 is written as 0
            }
        } else {
            long v = 0;
            int digits = 0;
            while (p < to && b[p] >= '0' && b[p] <= '9') {
                if (++digits > 16) {
                    return NOT_CANONICAL;
                }
                v = v * 10 + (b[p++] - '0');
            }
            if (v > MAX_SAFE) {
                return NOT_CANONICAL;
            }
        }
        if (p < to && (b[p] == '.' || b[p] == 'e' || b[p] == 'E' || (b[p] >= '0' && b[p] <= '9'))) {
            return NOT_CANONICAL;
        }
        return p;
    }

    /** The value of a canonical integer spanning {@code b[from, to)} (as checked by {@link #integer}). */
    public static long parseInteger(byte[] b, int from, int to) {
        boolean negative = b[from] == '-';
        long v = 0;
        for (int p = negative ? from + 1 : from; p < to; p++) {
            v = v * 10 + (b[p] - '0');
        }
        return negative ? -v : v;
    }

    /** The end (after the closing quote) of the canonical string at {@code i}, or {@link #NOT_CANONICAL}. */
    public static int string(byte[] b, int i, int to) {
        int p = i + 1;
        while (p < to) {
            p = nextFlagged(b, p, to);
            if (p >= to) {
                break;
            }
            int c = b[p] & 0xff;
            if (c == '"') {
                return p + 1;
            }
            if (c < 0x20) {
                return NOT_CANONICAL;
            }
            if (c == '\\') {
                p = escape(b, p, to);
            } else if (c >= 0x80) {
                p = utf8(b, p, to);
            } else {
                p++;
            }
            if (p < 0) {
                return NOT_CANONICAL;
            }
        }
        return NOT_CANONICAL;
    }

    /**
     * The first position from {@code p} on that may need a look of its own in a string: a quote, a backslash, a
     * control character or part of a multi-byte character. Read eight bytes at a time; it may stop early at a
     * plain byte when fewer than eight bytes are left, but it never skips one that needs a look.
     */
    private static int nextFlagged(byte[] b, int p, int to) {
        while (p + 8 <= to) {
            long flags = flags((long) LONGS.get(b, p));
            if (flags != 0) {
                // The lowest flagged byte is always one that needs a look; flags above it may be false.
                return p + (Long.numberOfTrailingZeros(flags) >>> 3);
            }
            p += 8;
        }
        return p;
    }

    /**
     * The high bit of each of the eight bytes in {@code x} that needs a look of its own: a quote, a backslash, a
     * control character or part of a multi-byte character. A plain byte above a flagged one may be flagged too,
     * but a byte that needs a look is never missed.
     */
    private static long flags(long x) {
        long high = x & HIGH_BITS;
        long control = (x - 0x2020202020202020L) & ~x & HIGH_BITS;
        long quote = x ^ 0x2222222222222222L;
        long backslash = x ^ 0x5c5c5c5c5c5c5c5cL;
        long zeros = ((quote - LOW_BITS) & ~quote | (backslash - LOW_BITS) & ~backslash) & HIGH_BITS;
        return high | control | zeros;
    }

    private static int escape(byte[] b, int p, int to) {
        if (p + 1 >= to) {
            return NOT_CANONICAL;
        }
        switch (b[p + 1]) {
            case '"', '\\', 'b', 'f', 'n', 'r', 't' -> {
                return p + 2;
            }
            case 'u' -> {
                if (p + 6 > to || b[p + 2] != '0' || b[p + 3] != '0') {
                    return NOT_CANONICAL;
                }
                int hi = lowerHex(b[p + 4]);
                int lo = lowerHex(b[p + 5]);
                int c = hi << 4 | lo;
                // Only control characters without a short form are written as six-character escapes.
                if (hi < 0 || lo < 0 || c >= 0x20 || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                    return NOT_CANONICAL;
                }
                return p + 6;
            }
            default -> {
                return NOT_CANONICAL;
            }
        }
    }

    private static int lowerHex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** The end of the well-formed UTF-8 sequence at {@code p} (RFC 3629: no overlongs, surrogates or values past U+10FFFF). */
    private static int utf8(byte[] b, int p, int to) {
        int c = b[p] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            if (c == 0xe0) {
                lo = 0xa0;
            } else if (c == 0xed) {
                hi = 0x9f;
            }
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            if (c == 0xf0) {
                lo = 0x90;
            } else if (c == 0xf4) {
                hi = 0x8f;
            }
        } else {
            return NOT_CANONICAL;
        }
        if (p + n >= to) {
            return NOT_CANONICAL;
        }
        int second = b[p + 1] & 0xff;
        if (second < lo || second > hi) {
            return NOT_CANONICAL;
        }
        for (int k = 2; k <= n; k++) {
            int cont = b[p + k] & 0xff;
            if (cont < 0x80 || cont > 0xbf) {
                return NOT_CANONICAL;
            }
        }
        return p + n + 1;
    }

    /**
     * A cursor over the members of a canonical object: each {@link #next()} checks one member (its key is an
     * escape-free string greater than the previous key, its value canonical) and exposes where its key and value
     * lie. After the last member, {@link #end()} is the end of the object, or {@link #NOT_CANONICAL} when a check
     * failed.
     */
    public static final class Members {
        private final byte[] b;
        private final int to;
        private final int depth;
        private int p;
        private int prevKeyFrom = -1;
        private int prevKeyTo = -1;
        private int end = NOT_CANONICAL;
        private boolean done;
        /** The current key without its quotes. */
        public int keyFrom;
        public int keyTo;
        /** The current value. */
        public int valueFrom;
        public int valueTo;

        /** Starts at the {@code {} at {@code from}; {@code depth} is the object's nesting depth. */
        public Members(byte[] b, int from, int to, int depth) {
            this.b = b;
            this.to = to;
            this.depth = depth;
            this.p = from + 1;
            if (from >= to || b[from] != '{' || p >= to) {
                done = true;
            } else if (b[p] == '}') {
                done = true;
                end = p + 1;
            }
        }

        /** Checks the next member; false after the last member or on a failed check. */
        public boolean next() {
            return nextKey() && endValue(value(b, valueFrom, to, depth + 1));
        }

        /**
         * Checks the next member's key only, for a caller that checks the value itself (from {@link #valueFrom},
         * at depth {@link #valueDepth()}) and then calls {@link #endValue}; false after the last member or on a
         * failed check.
         */
        public boolean nextKey() {
            return nextKeyAnyOrder() && (keyAscends() || fail());
        }

        /**
         * As {@link #nextKey()}, but without checking that the key sorts after the previous one: the caller must
         * establish that, with {@link #keyAscends()} or by knowing both keys (from a table in canonical order).
         */
        public boolean nextKeyAnyOrder() {
            if (done) {
                return false;
            }
            if (p >= to || b[p] != '"') {
                return fail();
            }
            int k = nextFlagged(b, p + 1, to);
            while (k < to && b[k] != '"') {
                if (b[k] == '\\' || (b[k] & 0xff) < 0x20) {
                    return fail(); // Escaped keys are refused: their bytes would not sort as their code points.
                }
                k = (b[k] & 0xff) >= 0x80 ? utf8(b, k, to) : k + 1;
                if (k < 0) {
                    return fail();
                }
                k = nextFlagged(b, k, to);
            }
            if (k + 1 >= to || b[k + 1] != ':') {
                return fail();
            }
            keyFrom = p + 1;
            keyTo = k;
            valueFrom = k + 2;
            return true;
        }

        /** True when the current key is the first, or sorts strictly after the previous key. */
        public boolean keyAscends() {
            return prevKeyFrom < 0 || ascending(b, prevKeyFrom, prevKeyTo, keyFrom, keyTo);
        }

        /** True when key {@code b[aFrom, aTo)} sorts strictly before key {@code b[bFrom, bTo)} (unsigned bytes). */
        private static boolean ascending(byte[] b, int aFrom, int aTo, int bFrom, int bTo) {
            int n = Math.min(aTo - aFrom, bTo - bFrom);
            for (int i = 0; i < n; i++) {
                int x = b[aFrom + i] & 0xff;
                int y = b[bFrom + i] & 0xff;
                if (x != y) {
                    return x < y;
                }
            }
            return aTo - aFrom < bTo - bFrom;
        }

        /** The nesting depth of the members' values. */
        public int valueDepth() {
            return depth + 1;
        }

        /** Completes the member whose value the caller checked to end at {@code end} ({@link #NOT_CANONICAL} if it failed). */
        public boolean endValue(int valueEnd) {
            valueTo = valueEnd;
            if (valueTo < 0 || valueTo >= to) {
                return fail();
            }
            prevKeyFrom = keyFrom;
            prevKeyTo = keyTo;
            if (b[valueTo] == ',') {
                p = valueTo + 1;
            } else if (b[valueTo] == '}') {
                done = true;
                end = valueTo + 1;
            } else {
                return fail();
            }
            return true;
        }

        /** True when the current key is {@code key} (ASCII). */
        public boolean keyIs(byte[] key) {
            return Arrays.equals(b, keyFrom, keyTo, key, 0, key.length);
        }

        private boolean fail() {
            done = true;
            end = NOT_CANONICAL;
            return false;
        }

        /** The end of the object after the last member, or {@link #NOT_CANONICAL}. */
        public int end() {
            return end;
        }
    }
}
