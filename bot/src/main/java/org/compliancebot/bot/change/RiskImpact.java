package org.compliancebot.bot.change;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How bad the consequence of a risk would be, from negligible to catastrophic. */
public enum RiskImpact {
    NEGLIGIBLE, MINOR, MODERATE, MAJOR, CATASTROPHIC;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RiskImpact> parse(String text) {
        return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(text.trim())).findFirst();
    }
}
