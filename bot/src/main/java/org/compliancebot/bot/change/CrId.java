package org.compliancebot.bot.change;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The register ID of a submitted change request: {@code CR-2026-004} for manual requests,
 * {@code AI-CR-2026-004} for generated ones. The sequence has at least three digits and runs per
 * year and kind.
 */
public record CrId(CrKind kind, int year, int sequence) implements Comparable<CrId> {
    private static final Pattern FORMAT = Pattern.compile("(AI-CR|CR)-(\\d{4})-(\\d{3,})", Pattern.CASE_INSENSITIVE);

    public CrId {
        Objects.requireNonNull(kind, "kind");
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("year must have four digits: " + year);
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive: " + sequence);
        }
    }

    /**
     * Parses {@code CR-YYYY-NNN} or {@code AI-CR-YYYY-NNN} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the expected format
     */
    public static CrId parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a change request ID (expected CR-YYYY-NNN or AI-CR-YYYY-NNN): " + text);
        }
        CrKind kind = m.group(1).equalsIgnoreCase("AI-CR") ? CrKind.GENERATED : CrKind.MANUAL;
        return new CrId(kind, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** True if {@code text} has the shape of a change request ID. */
    public static boolean looksLike(String text) {
        return FORMAT.matcher(text.trim()).matches();
    }

    @Override
    public int compareTo(CrId o) {
        int c = Integer.compare(year, o.year);
        if (c == 0) {
            c = kind.compareTo(o.kind);
        }
        return c != 0 ? c : Integer.compare(sequence, o.sequence);
    }

    @Override
    public String toString() {
        return String.format("%s-%04d-%03d", kind.prefix(), year, sequence);
    }
}
