package org.compliancebot.bot.http.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Opens an incident with its room (MCP {@code matrix.create_incident_room}). Returns at least
 * {@code incident_id} and {@code room_id}.
 *
 * @param severity one of LOW, MEDIUM, HIGH, CRITICAL
 */
@FunctionalInterface
public interface IncidentOpener {
    JsonNode createIncidentRoom(String incidentId, String severity, List<String> violatedAxioms, String actor);
}
