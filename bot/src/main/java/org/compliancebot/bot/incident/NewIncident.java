package org.compliancebot.bot.incident;

import java.util.List;
import java.util.Objects;

/**
 * A request to open an incident, from any source (API, CLI, chat, watchdog).
 *
 * @param violatedControls the violated axioms or controls, e.g. {@code A.5.24}; may be empty
 * @param links            URLs or references related to the incident; may be empty
 * @param openedBy         who asked: a Matrix user id, or a source label such as {@code cli} or {@code watchdog}
 * @param sourceKey        an idempotency key of the caller (e.g. {@code watchdog:<fingerprint>}); a second
 *                         request with the same key returns the first incident. May be null.
 */
public record NewIncident(String title, Severity severity, List<String> violatedControls, String description,
                          List<String> links, String openedBy, String sourceKey) {
    /** Longest title accepted; the room name must stay readable. */
    public static final int MAX_TITLE = 200;

    public NewIncident {
        Objects.requireNonNull(severity, "severity");
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("an incident needs a title");
        }
        title = title.strip().replaceAll("\\s+", " ");
        if (title.length() > MAX_TITLE) {
            throw new IllegalArgumentException("the title is longer than " + MAX_TITLE + " characters");
        }
        if (openedBy == null || openedBy.isBlank()) {
            throw new IllegalArgumentException("an incident needs to say who opened it");
        }
        violatedControls = clean(violatedControls);
        links = clean(links);
        description = description == null ? "" : description.strip();
    }

    /** A request with just a title and severity. */
    public static NewIncident of(String title, Severity severity, String openedBy) {
        return new NewIncident(title, severity, List.of(), "", List.of(), openedBy, null);
    }

    public NewIncident withSourceKey(String key) {
        return new NewIncident(title, severity, violatedControls, description, links, openedBy, key);
    }

    private static List<String> clean(List<String> items) {
        return items == null ? List.of() : items.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
