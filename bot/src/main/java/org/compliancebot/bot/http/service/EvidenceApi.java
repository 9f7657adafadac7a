package org.compliancebot.bot.http.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Evidence for the REST API and MCP: list, extract from a room, export a packet, search. See {@link IncidentApi}.
 *
 * <p>Reads (list, export, search) are checked on the Matrix user the caller's token acts for: it sees only the
 * rooms that user is a member of, or every room when {@code auditorScope} is set or its user holds the auditor
 * role. A caller with neither a user nor the auditor scope is refused (403).
 */
public interface EvidenceApi {
    /** Records in a scope, or the newest; records of rooms the caller may not read are left out, a named room is refused. */
    JsonNode list(Map<String, String> filter, String actor, boolean auditorScope);

    /** Extracts a room's messages between two times into the evidence log: {@code room_id}, {@code start_timestamp}, {@code end_timestamp}. */
    JsonNode extract(JsonNode request, String actor);

    /** A signed packet of a scope; refused (403) when it would hold records of a room the caller may not read. */
    JsonNode export(Map<String, String> query, String actor, boolean auditorScope);

    /** Searches recorded discussions: {@code query}, optional {@code rooms}, {@code start_date}, {@code end_date}. */
    JsonNode search(JsonNode request, String actor, boolean auditorScope);
}
