package org.compliancebot.bot.change;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How likely a risk is to happen, from rare to almost certain. */
public enum Likelihood {
    RARE, UNLIKELY, POSSIBLE, LIKELY, ALMOST_CERTAIN;

    /** The chat spelling, e.g. {@code almost-certain}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code almost-certain}, {@code almost_certain} or {@code Almost Certain}. */
    public static Optional<Likelihood> parse(String text) {
        String norm = text.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        return Arrays.stream(values()).filter(v -> v.name().equals(norm)).findFirst();
    }
}
