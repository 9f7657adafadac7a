package org.compliancebot.bot.evidence.store;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text folded the way SQLite's {@code unicode61} tokenizer sees it, so that discussion search on PostgreSQL
 * finds what it finds on SQLite: letters, digits and private-use characters make words, everything else
 * (spaces, punctuation, symbols) separates them, case is folded, and diacritics are removed from Latin letters.
 * The folded text holds only words and single spaces, so PostgreSQL's {@code simple} parser reads the same words.
 */
final class SearchTerms {
    private SearchTerms() {
    }

    /** {@code text} as space-separated folded words. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean latinBase = false;
        boolean space = true;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK) {
                if (!latinBase) {
                    out.appendCodePoint(cp);
                }
                continue;
            }
            if (Character.isLetterOrDigit(cp) || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER
                    || type == Character.PRIVATE_USE) {
                latinBase = Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
                out.appendCodePoint(cp);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        return out.toString().strip();
    }

    /** The words of a query, each folded; words that fold to nothing (punctuation only) are dropped. */
    static List<String> queryWords(String query) {
        List<String> out = new ArrayList<>();
        for (String word : query.strip().split("\\s+")) {
            String folded = fold(word);
            if (!folded.isEmpty()) {
                out.add(folded);
            }
        }
        return out;
    }
}
