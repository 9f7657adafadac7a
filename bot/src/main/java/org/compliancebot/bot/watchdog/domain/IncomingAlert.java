package org.compliancebot.bot.watchdog.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert as a source reported it, validated and mapped to a {@link Level}.
 *
 * @param source      the configured source name (e.g. {@code prometheus}); with the fingerprint it identifies the alert
 * @param fingerprint the source's identity of the alert; repeats with the same fingerprint are one alert
 * @param title       a one-line summary
 * @param description longer text, may be empty
 * @param labels      the source's labels, in a stable order
 * @param links       URLs that help (generator, runbook, dashboard)
 */
public record IncomingAlert(String source, String fingerprint, String title, Level level, AlertStatus status,
                            String description, Map<String, String> labels, List<String> links) {
    public static final int MAX_FINGERPRINT = 255;
    public static final int MAX_TITLE = 500;
    public static final int MAX_DESCRIPTION = 8000;

    public IncomingAlert {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(status, "status");
        description = description == null ? "" : description;
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** The same alert with another status. */
    public IncomingAlert withStatus(AlertStatus s) {
        return new IncomingAlert(source, fingerprint, title, level, s, description, labels, links);
    }
}
