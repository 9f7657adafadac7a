package org.compliancebot.bot.watchdog.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The four escalation levels of an alert, lowest first. Only {@link #CRITICAL} escalates when left
 * unacknowledged and reaches the oversight room.
 */
public enum Level {
    INFORMATIONAL("Informational", "ℹ️"),
    ADVISORY("Advisory", "🔵"),
    WARNING("Warning", "🟠"),
    CRITICAL("Critical", "🔴");

    private final String label;
    private final String marker;

    Level(String label, String marker) {
        this.label = label;
        this.marker = marker;
    }

    /** The name shown to people, e.g. {@code Critical}. */
    public String label() {
        return label;
    }

    /** A coloured marker shown before the level in chat. */
    public String marker() {
        return marker;
    }

    /** The lower-case wire name, e.g. {@code critical}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a level name, ignoring case and surrounding spaces; empty for anything else. */
    public static Optional<Level> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (Level l : values()) {
            if (l.name().equals(t)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
