package org.compliancebot.bot.evidence.verify;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A fixed list of ASCII names, looked up from a slice of bytes without making strings. */
final class KeyTable {
    private final byte[][] names;

    KeyTable(List<String> names) {
        this.names = names.stream().map(n -> n.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    }

    /** The index of {@code b[from, to)} in the list, or -1. */
    int indexOf(byte[] b, int from, int to) {
        int length = to - from;
        // Names are short: a plain loop beats the set-up of a vectorised comparison.
        next:
        for (int i = 0; i < names.length; i++) {
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
