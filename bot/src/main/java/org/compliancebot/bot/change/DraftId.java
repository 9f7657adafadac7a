package org.compliancebot.bot.change;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stable internal reference of a change request, {@code DRAFT-n}, given at creation. A request
 * keeps it after submission, when it also receives its {@link CrId}; repositories key on it.
 */
public record DraftId(long number) {
    private static final Pattern FORMAT = Pattern.compile("DRAFT-(\\d{1,18})", Pattern.CASE_INSENSITIVE);

    public DraftId {
        if (number < 1) {
            throw new IllegalArgumentException("draft number must be positive: " + number);
        }
    }

    /** Parses {@code DRAFT-n} (case-insensitive). */
    public static DraftId parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a draft ID (expected DRAFT-n): " + text);
        }
        return new DraftId(Long.parseLong(m.group(1)));
    }

    public static boolean looksLike(String text) {
        return FORMAT.matcher(text.trim()).matches();
    }

    @Override
    public String toString() {
        return "DRAFT-" + number;
    }
}
