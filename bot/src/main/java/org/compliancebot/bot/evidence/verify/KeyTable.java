package org.compliancebot.bot.evidence.verify;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A fixed list of ASCII names, looked up from a slice of bytes without making strings. The names are in ascending
 * byte order, the order of keys in canonical JSON, so a lookup that starts past the previous key's index also
 * checks that the keys ascend.
 */
final class KeyTable {
    private final byte[][] names;

    KeyTable(List<String> names) {
        this.names = names.stream().map(n -> n.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
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

    /** The index of the string whose JSON form (with quotes, no escapes) is {@code b[from, to)}, or -1. */
    int indexOfString(byte[] b, int from, int to) {
        return to - from >= 2 && b[from] == '"' ? indexOf(b, from + 1, to - 1) : -1;
    }
}
