package org.compliancebot.bot.watchdog.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reads one webhook body into validated alerts. Implementations are pure and thread-safe. */
public interface AlertParser {
    /**
     * Parses and validates the whole body: either every alert in it is valid and returned, or an
     * {@link AlertPayloadException} names the first problem and nothing is returned.
     *
     * @param source the configured name of the sending source
     */
    List<IncomingAlert> parse(String source, JsonNode body) throws AlertPayloadException;

    /** The parser for a source type: {@code alertmanager}, {@code grafana} or {@code generic}. */
    static AlertParser forType(String type, SeverityMap severities) {
        return switch (type) {
            case "alertmanager" -> new AlertmanagerParser(severities, true);
            case "grafana" -> new AlertmanagerParser(severities, false);
            case "generic" -> new GenericAlertParser(severities);
            default -> throw new IllegalArgumentException("unknown source type " + type);
        };
    }

    /** The source types {@link #forType} knows. */
    List<String> TYPES = List.of("alertmanager", "grafana", "generic");
}
