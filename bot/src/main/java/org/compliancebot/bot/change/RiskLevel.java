package org.compliancebot.bot.change;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The level of a risk, and of a change request overall. Ordered: LOW &lt; MEDIUM &lt; HIGH &lt; CRITICAL. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH, CRITICAL;

    public RiskLevel max(RiskLevel other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code Low}, {@code Medium}, ... for messages. */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public static Optional<RiskLevel> parse(String text) {
        return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(text.trim())).findFirst();
    }
}
