package org.compliancebot.bot.http.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Evidence for the REST API and MCP: list, extract from a room, export a packet, search. See {@link IncidentApi}. */
public interface EvidenceApi {
    JsonNode list(Map<String, String> filter);

    /** Extracts a room's messages between two times into the evidence log: {@code room_id}, {@code start_timestamp}, {@code end_timestamp}. */
    JsonNode extract(JsonNode request, String actor);

    JsonNode export(Map<String, String> query);

    /**
     * Searches recorded discussions: {@code query}, optional {@code rooms}, {@code start_date}, {@code end_date}.
     * The caller sees only monitored rooms its token's user is a member of, or all of them when
     * {@code auditorScope} is set or its user holds the auditor role.
     */
    JsonNode search(JsonNode request, String actor, boolean auditorScope);
}
