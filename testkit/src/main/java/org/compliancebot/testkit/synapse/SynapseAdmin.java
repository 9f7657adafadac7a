package org.compliancebot.testkit.synapse;

import com.fasterxml.jackson.databind.JsonNode;
import org.compliancebot.testkit.internal.Http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A few calls of Synapse's admin API, made with the access token of a server admin.
 * Every method throws {@link IllegalStateException} with the HTTP status and body if Synapse refuses.
 */
public final class SynapseAdmin {

    private final String baseUrl;
    private final String accessToken;

    SynapseAdmin(String baseUrl, String accessToken) {
        this.baseUrl = baseUrl;
        this.accessToken = accessToken;
    }

    /**
     * Overrides the message rate limit of one user ({@code POST /_synapse/admin/v1/users/<user>/override_ratelimit}).
     * Zero for both values exempts the user completely.
     */
    public void overrideRateLimit(String userId, int messagesPerSecond, int burstCount) {
        Http.call("POST", baseUrl + "/_synapse/admin/v1/users/" + enc(userId) + "/override_ratelimit", accessToken,
                Map.of("messages_per_second", messagesPerSecond, "burst_count", burstCount))
                .expectOk("Overriding the rate limit of " + userId);
    }

    /** The user's rate-limit override, or an empty object if there is none. */
    public JsonNode rateLimitOverride(String userId) {
        return Http.call("GET", baseUrl + "/_synapse/admin/v1/users/" + enc(userId) + "/override_ratelimit",
                accessToken, null).expectOk("Reading the rate limit of " + userId).json();
    }

    /** Removes the user's rate-limit override. */
    public void removeRateLimitOverride(String userId) {
        Http.call("DELETE", baseUrl + "/_synapse/admin/v1/users/" + enc(userId) + "/override_ratelimit",
                accessToken, null).expectOk("Removing the rate limit override of " + userId);
    }

    /** The full current state of a room ({@code GET /_synapse/admin/v1/rooms/<room>/state}), as an array of events. */
    public JsonNode roomState(String roomId) {
        return Http.call("GET", baseUrl + "/_synapse/admin/v1/rooms/" + enc(roomId) + "/state", accessToken, null)
                .expectOk("Reading the state of " + roomId).json().path("state");
    }

    /**
     * The content of one state event of a room, or null if the room has no such state.
     * Looked up in {@link #roomState(String)}, so it works for rooms the admin is not in.
     */
    public JsonNode roomStateEvent(String roomId, String type, String stateKey) {
        for (JsonNode event : roomState(roomId)) {
            if (type.equals(event.path("type").asText()) && stateKey.equals(event.path("state_key").asText())) {
                return event.path("content");
            }
        }
        return null;
    }

    /** Room details ({@code GET /_synapse/admin/v1/rooms/<room>}): name, encryption, join rules, member count... */
    public JsonNode roomDetails(String roomId) {
        return Http.call("GET", baseUrl + "/_synapse/admin/v1/rooms/" + enc(roomId), accessToken, null)
                .expectOk("Reading room " + roomId).json();
    }

    /** Account details ({@code GET /_synapse/admin/v2/users/<user>}). */
    public JsonNode user(String userId) {
        return Http.call("GET", baseUrl + "/_synapse/admin/v2/users/" + enc(userId), accessToken, null)
                .expectOk("Reading user " + userId).json();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
