package org.compliancebot.bot.evidence.verify;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A fixed list of ASCII names, looked up from a slice of bytes without making strings. The names are in ascending
 * byte order, the order of keys in canonical JSON, so a lookup that starts past the previous key's index also
 * checks that the keys ascend.
 */
final class KeyTable {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private final byte[][] names;
    /** Each name's first and second eight bytes, zero past its end, for names of up to 16 bytes. */
    private final long[] first;
    private final long[] second;
    private final int[] lengths;

    KeyTable(List<String> names) {
        this.names = names.stream().map(n -> n.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        first = new long[this.names.length];
        second = new long[this.names.length];
        lengths = new int[this.names.length];
        for (int i = 0; i < this.names.length; i++) {
            byte[] padded = java.util.Arrays.copyOf(this.names[i], Math.max(16, this.names[i].length));
            first[i] = (long) LONGS.get(padded, 0);
            second[i] = (long) LONGS.get(padded, 8);
            lengths[i] = this.names[i].length;
        }
        for (int i = 1; i < this.names.length; i++) {
            if (java.util.Arrays.compareUnsigned(this.names[i - 1], this.names[i]) >= 0) {
                throw new IllegalArgumentException("names must ascend: " + names);
            }
        }
    }

    /** The index of {@code b[from, to)} in the list, or -1. */
    int indexOf(byte[] b, int from, int to) {
        return indexOf(b, from, to, 0);
    }

    /**
     * The index, {@code start} or greater, of {@code b[from, to)} in the list, or -1. A name found sorts after
     * every name before {@code start}.
     */
    int indexOf(byte[] b, int from, int to, int start) {
        int length = to - from;
        if (length <= 16 && from + 16 <= b.length) {
            // Two eight-byte words of the slice, zero past its end, against each name's.
            long w1 = (long) LONGS.get(b, from) & mask(length);
            long w2 = length > 8 ? (long) LONGS.get(b, from + 8) & mask(length - 8) : 0;
            for (int i = start; i < names.length; i++) {
                if (first[i] == w1 && second[i] == w2 && lengths[i] == length) {
                    return i;
                }
            }
            return -1;
        }
        // Names are short: a plain loop beats the set-up of a vectorised comparison.
        next:
        for (int i = start; i < names.length; i++) {
            byte[] n = names[i];
            if (n.length != length) {
                continue;
            }
            for (int k = 0; k < length; k++) {
                if (n[k] != b[from + k]) {
                    continue next;
                }
            }
            return i;
        }
        return -1;
    }

    /** The low {@code bytes} bytes of a word (all eight from eight on). */
    private static long mask(int bytes) {
        return bytes >= 8 ? -1L : (1L << (8 * bytes)) - 1;
    }

    /** The index of the string whose JSON form (with quotes, no escapes) is {@code b[from, to)}, or -1. */
    int indexOfString(byte[] b, int from, int to) {
        return to - from >= 2 && b[from] == '"' ? indexOf(b, from + 1, to - 1) : -1;
    }
}
