package org.compliancebot.bot.incident;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How bad an incident is. Each severity maps to one ITIL priority: CRITICAL is P0, HIGH P1,
 * MEDIUM P2 and LOW P3. Declared from least to most severe, so {@code compareTo} orders by gravity.
 */
public enum Severity {
    LOW(Priority.P3),
    MEDIUM(Priority.P2),
    HIGH(Priority.P1),
    CRITICAL(Priority.P0);

    private final Priority priority;

    Severity(Priority priority) {
        this.priority = priority;
    }

    public Priority priority() {
        return priority;
    }

    /** {@code CRITICAL (P0)}. */
    public String label() {
        return name() + " (" + priority + ")";
    }

    /** Parses a severity name or its priority ({@code critical}, {@code High}, {@code P2}), ignoring case. */
    public static Optional<Severity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(t) || s.priority.name().equals(t)).findFirst();
    }

    /** The accepted spellings, for error messages. */
    public static String choices() {
        return Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + " (or P0 to P3)";
    }
}
