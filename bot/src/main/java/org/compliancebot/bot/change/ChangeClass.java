package org.compliancebot.bot.change;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The class of a change and its observation window: how long after deployment a change must be
 * watched before it may be marked verified.
 */
public enum ChangeClass {
    STANDARD(Duration.ofHours(1)),
    NORMAL(Duration.ofHours(6)),
    SIGNIFICANT(Duration.ofHours(24)),
    EMERGENCY(Duration.ofHours(72));

    private final Duration observationWindow;

    ChangeClass(Duration observationWindow) {
        this.observationWindow = observationWindow;
    }

    public Duration observationWindow() {
        return observationWindow;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChangeClass> parse(String text) {
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(text.trim())).findFirst();
    }
}
