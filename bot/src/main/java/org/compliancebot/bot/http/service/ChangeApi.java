package org.compliancebot.bot.http.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Change requests for the REST API: create, submit, assess, advance, status and list. See {@link IncidentApi} for conventions. */
public interface ChangeApi {
    JsonNode list(Map<String, String> filter);

    JsonNode status(String id);

    JsonNode create(JsonNode request, String actor);

    JsonNode submit(String id, String actor);

    JsonNode assess(String id, JsonNode request, String actor);

    JsonNode advance(String id, JsonNode request, String actor);
}
