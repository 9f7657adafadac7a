package org.compliancebot.bot.evidence.verify;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Where the lines of a JSON Lines file end, found on all cores, eight bytes at a time, without copying the lines.
 * Line {@code i} (from 0) is {@code data[start(i), end(i))}, the newline at {@code end(i)}.
 */
final class LineIndex {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final int SEGMENT = 1 << 22;

    final byte[] data;
    /** The positions of the newlines, ascending. */
    private final int[] newlines;

    private LineIndex(byte[] data, int[] newlines) {
        this.data = data;
        this.newlines = newlines;
    }

    int count() {
        return newlines.length;
    }

    int start(int line) {
        return line == 0 ? 0 : newlines[line - 1] + 1;
    }

    int end(int line) {
        return newlines[line];
    }

    /**
     * Indexes {@code data}; fails like {@link VerifyContext#lines} does: on the first empty line, and when the file
     * does not end with a newline.
     */
    static LineIndex of(String file, byte[] data) throws CheckFailure {
        int segments = Math.max(1, (data.length + SEGMENT - 1) / SEGMENT);
        List<int[]> found = VerifyPool.forChunks(segments, s -> scan(data, s * SEGMENT, (int) Math.min(data.length, (long) (s + 1) * SEGMENT)));
        int total = 0;
        for (int[] f : found) {
            total += f[0];
        }
        int[] newlines = new int[total];
        int at = 0;
        for (int[] f : found) {
            System.arraycopy(f, 1, newlines, at, f[0]);
            at += f[0];
        }
        LineIndex index = new LineIndex(data, newlines);
        for (int i = 0; i < total; i++) {
            if (index.start(i) == index.end(i)) {
                throw new CheckFailure(file + " line " + (i + 1), "is empty");
            }
        }
        if (index.start(total) != data.length) {
            throw new CheckFailure(file + " line " + (total + 1), "does not end with a newline");
        }
        return index;
    }

    /** The newlines in {@code data[from, to)}: element 0 holds their count, then their positions. */
    private static int[] scan(byte[] data, int from, int to) {
        int[] out = new int[1 + Math.max(16, (to - from) / 256)];
        int n = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(data, i) ^ NEWLINES;
            long zeros = (x - LOW) & ~x & HIGH;
            while (zeros != 0) {
                // The lowest flagged byte is always a real zero byte; higher flags may be false, so check each.
                int b = i + (Long.numberOfTrailingZeros(zeros) >>> 3);
                if (data[b] == '\n') {
                    if (++n == out.length) {
                        out = java.util.Arrays.copyOf(out, out.length * 2);
                    }
                    out[n] = b;
                }
                zeros &= zeros - 1;
            }
        }
        for (; i < to; i++) {
            if (data[i] == '\n') {
                if (++n == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                out[n] = i;
            }
        }
        out[0] = n;
        return out;
    }
}
