package org.compliancebot.bot.change;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The level of one impact dimension, or of the overall impact. Ordered: LOW &lt; MEDIUM &lt; HIGH. */
public enum ImpactLevel {
    LOW,
    MEDIUM,
    HIGH;

    public ImpactLevel max(ImpactLevel other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImpactLevel> parse(String text) {
        return Arrays.stream(values()).filter(l -> l.name().equalsIgnoreCase(text.trim())).findFirst();
    }
}
