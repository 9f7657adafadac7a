package org.compliancebot.bot.change.command;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line on white space, keeping double-quoted text together (quotes removed). */
final class Tokenizer {
    private Tokenizer() {}

    /** A token and whether it was quoted (quoted tokens are never options or key=value pairs). */
    record Token(String text, boolean quoted) {}

    static List<Token> tokens(String line) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '"') {
                int end = line.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("a quote is not closed: " + line.substring(i));
                }
                out.add(new Token(line.substring(i + 1, end), true));
                i = end + 1;
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            out.add(new Token(line.substring(start, i), false));
        }
        return out;
    }
}
