package org.compliancebot.bot.incident;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ID of an incident: {@code incident-YYYY-MM-DD-NNN}, the day it was opened (UTC) and its
 * sequence on that day, at least three digits. It doubles as the local part of the room alias.
 */
public record IncidentId(LocalDate day, int sequence) implements Comparable<IncidentId> {
    private static final Pattern FORMAT = Pattern.compile("incident-(\\d{4}-\\d{2}-\\d{2})-(\\d{3,})", Pattern.CASE_INSENSITIVE);

    public IncidentId {
        Objects.requireNonNull(day, "day");
        if (sequence < 1) {
            throw new IllegalArgumentException("incident sequence must be positive: " + sequence);
        }
    }

    /**
     * Parses {@code incident-YYYY-MM-DD-NNN}.
     *
     * @throws IllegalArgumentException naming the expected format
     */
    public static IncidentId parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an incident ID (expected incident-YYYY-MM-DD-NNN): " + text);
        }
        try {
            return new IncidentId(LocalDate.parse(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("not an incident ID (bad date or number): " + text);
        }
    }

    /** The room alias local part; the ID already starts with {@code incident-}, so it is used as it is. */
    public String aliasLocalpart() {
        return toString();
    }

    @Override
    public int compareTo(IncidentId o) {
        int c = day.compareTo(o.day);
        return c != 0 ? c : Integer.compare(sequence, o.sequence);
    }

    @Override
    public String toString() {
        return String.format("incident-%s-%03d", day, sequence);
    }
}
