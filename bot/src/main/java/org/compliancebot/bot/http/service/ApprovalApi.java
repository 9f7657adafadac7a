package org.compliancebot.bot.http.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Approval requests for the REST API and MCP. Decisions are made by overseers in Matrix, not here.
 * See {@link IncidentApi} for conventions.
 */
public interface ApprovalApi {
    JsonNode list(Map<String, String> filter);

    JsonNode get(String id);

    /** Posts a request for approval to the oversight room (MCP {@code matrix.post_oversight_alert} with {@code requires_approval}). */
    JsonNode request(JsonNode request, String actor);
}
