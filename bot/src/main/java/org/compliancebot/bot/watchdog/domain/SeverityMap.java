package org.compliancebot.bot.watchdog.domain;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the severities sources send ({@code critical}, {@code page}, {@code warning}, {@code info}...) to
 * the four levels. The level names themselves always map to their level. An alert without a severity
 * gets the default level; a severity that is neither mapped nor a level name is unknown.
 */
public final class SeverityMap {
    /** The mapping used when the configuration adds nothing. */
    public static final Map<String, Level> DEFAULTS = defaults();

    private final Map<String, Level> map;
    private final Level defaultLevel;

    public SeverityMap(Map<String, Level> entries, Level defaultLevel) {
        Map<String, Level> m = new LinkedHashMap<>(DEFAULTS);
        entries.forEach((k, v) -> m.put(normalise(k), v));
        this.map = Map.copyOf(m);
        this.defaultLevel = defaultLevel;
    }

    public static SeverityMap standard() {
        return new SeverityMap(Map.of(), Level.WARNING);
    }

    /** The level for a source severity; empty when it is unknown. Null or blank gives the default level. */
    public Optional<Level> map(String severity) {
        if (severity == null || severity.isBlank()) {
            return Optional.of(defaultLevel);
        }
        String key = normalise(severity);
        Level l = map.get(key);
        return l != null ? Optional.of(l) : Level.parse(key);
    }

    public Level defaultLevel() {
        return defaultLevel;
    }

    /** The known severity names, for error messages. */
    public java.util.Set<String> knownSeverities() {
        return new java.util.TreeSet<>(map.keySet());
    }

    private static String normalise(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Level> defaults() {
        Map<String, Level> m = new LinkedHashMap<>();
        m.put("critical", Level.CRITICAL);
        m.put("page", Level.CRITICAL);
        m.put("emergency", Level.CRITICAL);
        m.put("error", Level.WARNING);
        m.put("high", Level.WARNING);
        m.put("warning", Level.WARNING);
        m.put("warn", Level.WARNING);
        m.put("medium", Level.ADVISORY);
        m.put("advisory", Level.ADVISORY);
        m.put("low", Level.ADVISORY);
        m.put("info", Level.INFORMATIONAL);
        m.put("informational", Level.INFORMATIONAL);
        m.put("none", Level.INFORMATIONAL);
        return Map.copyOf(m);
    }
}
