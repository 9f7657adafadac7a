package org.compliancebot.bot.change;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The ITIL-style type of a change; it picks the default {@link ChangeClass}. */
public enum ChangeType {
    STANDARD(ChangeClass.STANDARD),
    NORMAL(ChangeClass.NORMAL),
    EMERGENCY(ChangeClass.EMERGENCY);

    private final ChangeClass defaultClass;

    ChangeType(ChangeClass defaultClass) {
        this.defaultClass = defaultClass;
    }

    public ChangeClass defaultClass() {
        return defaultClass;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChangeType> parse(String text) {
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(text.trim())).findFirst();
    }
}
