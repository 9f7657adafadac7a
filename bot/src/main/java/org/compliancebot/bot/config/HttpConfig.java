package org.compliancebot.bot.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code http:} the bot's HTTP server (webhooks, REST, MCP, metrics, health). Absent means no server.
 *
 * @param bind         the address to listen on (default 127.0.0.1)
 * @param port         the port (default 8080; 0 picks a free one)
 * @param maxBodyBytes larger request bodies are refused with 413 (default 1 MiB)
 * @param tokens       the API tokens and their scopes
 */
public record HttpConfig(
        String bind,
        Integer port,
        @JsonProperty("max_body_bytes") Integer maxBodyBytes,
        List<ApiToken> tokens) {

    /** Areas a scope can name; a scope is {@code read}, {@code write}, {@code <area>:read} or {@code <area>:write}. */
    public static final List<String> AREAS = List.of("alerts", "incidents", "changes", "approvals", "evidence", "messages");

    /**
     * {@code http.tokens[]:} one API token. The token itself is a secret: give its SHA-256 (hex) in
     * {@code sha256}, or the name of an environment variable holding it in {@code token_env}.
     *
     * @param userId the Matrix user (of the local server) the token acts for, or null. Change requests and
     *               incident decisions made through the API are made as this user and checked against its
     *               roles, exactly as the same request in chat; a token without one can only read and open
     *               incidents.
     */
    public record ApiToken(
            String name,
            String sha256,
            @JsonProperty("token_env") String tokenEnv,
            List<String> scopes,
            @JsonProperty("user_id") String userId) {

        /** A token that acts for no Matrix user. */
        public ApiToken(String name, String sha256, String tokenEnv, List<String> scopes) {
            this(name, sha256, tokenEnv, scopes, null);
        }

        @Override
        public String toString() {
            return "ApiToken[" + name + " " + scopes + (userId == null ? "" : " as " + userId) + "]";
        }
    }
}
