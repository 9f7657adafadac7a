package org.compliancebot.bot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP round trip over Streamable HTTP: initialize, the initialized notification, tools/list with the
 * seed's schemas, and tools/call reaching the registered incident service with the caller's authority.
 */
class McpProtocolTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    private OfflineHttp h;
    private final List<String> opened = new ArrayList<>();

    @BeforeEach
    void start() {
        h = new OfflineHttp(dir, 1024 * 1024);
        h.http.services().incidentOpener((id, severity, axioms, actor) -> {
            opened.add(id + "|" + severity + "|" + axioms + "|" + actor);
            return mapper.createObjectNode().put("incident_id", id).put("room_id", "!incident-" + id + ":localhost");
        });
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private HttpResponse<String> rpc(String token, String session, String body) throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Accept", "application/json, text/event-stream"));
        if (session != null) {
            headers.put("Mcp-Session-Id", session);
            headers.put("MCP-Protocol-Version", "2025-06-18");
        }
        return h.send("POST", "/mcp", token, body, headers);
    }

    private String initialize(String token) throws Exception {
        HttpResponse<String> r = rpc(token, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},
                 "clientInfo":{"name":"test-client","version":"1.0"}}}""");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode init = mapper.readTree(r.body());
        assertThat(init.path("result").path("protocolVersion").asText()).isEqualTo("2025-06-18");
        assertThat(init.path("result").path("capabilities").has("tools")).isTrue();
        String session = r.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(rpc(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode()).isEqualTo(202);
        return session;
    }

    @Test
    void createIncidentRoomRoundTrip() throws Exception {
        String session = initialize(OfflineHttp.ADMIN);
        JsonNode list = mapper.readTree(rpc(OfflineHttp.ADMIN, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").body());
        List<String> names = new ArrayList<>();
        list.path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).containsExactly("matrix.create_incident_room", "matrix.post_oversight_alert", "matrix.extract_room_evidence",
                "matrix.search_compliance_discussions", "matrix.post_message");
        JsonNode create = list.path("result").path("tools").get(0).path("inputSchema");
        assertThat(create.path("properties").path("severity").path("enum").toString()).isEqualTo("[\"LOW\",\"MEDIUM\",\"HIGH\",\"CRITICAL\"]");
        assertThat(create.path("required").toString()).isEqualTo("[\"incident_id\",\"severity\"]");

        JsonNode call = mapper.readTree(rpc(OfflineHttp.ADMIN, session, """
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"matrix.create_incident_room",
                 "arguments":{"incident_id":"incident-2025-10-02-001","severity":"CRITICAL","violated_axioms":["transparency"]}}}""").body());
        assertThat(call.path("id").asInt()).isEqualTo(3);
        assertThat(call.path("result").path("isError").asBoolean()).isFalse();
        assertThat(call.path("result").path("structuredContent").path("room_id").asText()).isEqualTo("!incident-incident-2025-10-02-001:localhost");
        assertThat(mapper.readTree(call.path("result").path("content").get(0).path("text").asText()).path("incident_id").asText())
                .isEqualTo("incident-2025-10-02-001");
        assertThat(opened).containsExactly("incident-2025-10-02-001|CRITICAL|[transparency]|api:admin");
    }

    @Test
    void toolCallsAreCheckedForScopeAndSchema() throws Exception {
        String auditor = initialize(OfflineHttp.AUDITOR);
        JsonNode denied = mapper.readTree(rpc(OfflineHttp.AUDITOR, auditor, """
                {"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"matrix.create_incident_room",
                 "arguments":{"incident_id":"i-1","severity":"CRITICAL"}}}""").body());
        assertThat(denied.path("result").path("isError").asBoolean()).isTrue();
        assertThat(denied.path("result").path("content").get(0).path("text").asText()).contains("incidents:write");

        String admin = initialize(OfflineHttp.ADMIN);
        JsonNode bad = mapper.readTree(rpc(OfflineHttp.ADMIN, admin, """
                {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"matrix.create_incident_room",
                 "arguments":{"incident_id":"i-1","severity":"SEVERE"}}}""").body());
        assertThat(bad.path("result").path("content").get(0).path("text").asText()).contains("severity must be one of");
        JsonNode missing = mapper.readTree(rpc(OfflineHttp.ADMIN, admin, """
                {"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"matrix.extract_room_evidence",
                 "arguments":{"room_id":"!r:localhost","start_timestamp":"yesterday"}}}""").body());
        assertThat(missing.path("result").path("content").get(0).path("text").asText()).contains("start_timestamp must be a date-time");
        JsonNode absent = mapper.readTree(rpc(OfflineHttp.ADMIN, admin, """
                {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"matrix.search_compliance_discussions",
                 "arguments":{"query":"ISO27001-6.1.3"}}}""").body());
        assertThat(absent.path("result").path("content").get(0).path("text").asText()).contains("unavailable").contains("not configured");
        JsonNode unknown = mapper.readTree(rpc(OfflineHttp.ADMIN, admin,
                "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"matrix.delete_everything\"}}").body());
        assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(opened).isEmpty();
    }

    @Test
    void sessionsAndAuthentication() throws Exception {
        assertThat(rpc(null, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode()).isEqualTo(401);
        assertThat(rpc(OfflineHttp.ADMIN, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode()).isEqualTo(400);
        assertThat(rpc(OfflineHttp.ADMIN, "no-such-session", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode()).isEqualTo(404);
        String auditorSession = initialize(OfflineHttp.AUDITOR);
        assertThat(rpc(OfflineHttp.ADMIN, auditorSession, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode())
                .as("a session belongs to the token that opened it").isEqualTo(404);
        JsonNode pong = mapper.readTree(rpc(OfflineHttp.AUDITOR, auditorSession, "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}").body());
        assertThat(pong.path("id").asText()).isEqualTo("p");
        assertThat(pong.path("result").isObject()).isTrue();
        assertThat(h.send("DELETE", "/mcp", OfflineHttp.AUDITOR, null, Map.of("Mcp-Session-Id", auditorSession)).statusCode()).isEqualTo(204);
        assertThat(rpc(OfflineHttp.AUDITOR, auditorSession, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode()).isEqualTo(404);
    }
}
