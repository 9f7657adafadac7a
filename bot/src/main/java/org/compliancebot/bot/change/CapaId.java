package org.compliancebot.bot.change;

/** The ID of a corrective action, {@code CAPA-YYYY-NNN}. */
public record CapaId(int year, int sequence) {
    public CapaId {
        if (year < 1000 || year > 9999 || sequence < 1) {
            throw new IllegalArgumentException("bad CAPA id: year " + year + ", sequence " + sequence);
        }
    }

    public static CapaId parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("CAPA-(\\d{4})-(\\d{3,})", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a CAPA ID (expected CAPA-YYYY-NNN): " + text);
        }
        return new CapaId(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() {
        return String.format("CAPA-%04d-%03d", year, sequence);
    }
}
