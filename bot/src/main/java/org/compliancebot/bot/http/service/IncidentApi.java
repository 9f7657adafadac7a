package org.compliancebot.bot.http.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Incidents for the REST API. Requests and answers are JSON as documented in {@code /openapi.json};
 * refusals are {@link ApiException}s. {@code actor} is the API token's name, for the record.
 */
public interface IncidentApi {
    JsonNode list(Map<String, String> filter);

    JsonNode get(String id);

    JsonNode open(JsonNode request, String actor);

    JsonNode close(String id, JsonNode request, String actor);
}
