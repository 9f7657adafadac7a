package org.compliancebot.bot.http.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.compliancebot.bot.http.Principal;

/**
 * The Model Context Protocol over the Streamable HTTP transport, answering with {@code application/json}
 * (the transport allows a server to answer a POST with one JSON response instead of an SSE stream).
 * Supports {@code initialize}, {@code ping}, {@code tools/list} and {@code tools/call}; notifications get
 * 202. {@code initialize} opens a session whose id ({@code Mcp-Session-Id}) every later request must carry;
 * a session belongs to the token that opened it. {@code DELETE} ends a session; {@code GET} (a server
 * stream) is not offered and gets 405.
 */
public final class McpEndpoint {
    public static final List<String> PROTOCOL_VERSIONS = List.of("2025-06-18", "2025-03-26");
    private static final String SESSION = "Mcp-Session-Id";

    private final ObjectMapper mapper;
    private final McpTools tools;
    private final String serverVersion;
    private final ConcurrentHashMap<String, String> sessions = new ConcurrentHashMap<>();

    public McpEndpoint(ObjectMapper mapper, McpTools tools, String serverVersion) {
        this.mapper = mapper;
        this.tools = tools;
        this.serverVersion = serverVersion;
    }

    /** Handles a POST; {@code caller} is authenticated already. Runs on a worker thread (tool calls block). */
    public void post(RoutingContext ctx, Principal caller) {
        JsonNode msg;
        try {
            msg = ctx.body().buffer() == null ? null : mapper.readTree(ctx.body().buffer().getBytes());
        } catch (IOException e) {
            reply(ctx, 400, error(null, -32700, "parse error: the body is not JSON"), null);
            return;
        }
        if (msg == null || !(msg.isObject() || msg.isArray()) || (msg.isArray() && msg.isEmpty())) {
            reply(ctx, 400, error(null, -32600, "invalid request: expected a JSON-RPC message"), null);
            return;
        }
        String version = ctx.request().getHeader("MCP-Protocol-Version");
        if (version != null && !PROTOCOL_VERSIONS.contains(version)) {
            reply(ctx, 400, error(null, -32600, "unsupported MCP-Protocol-Version " + version + "; supported: " + PROTOCOL_VERSIONS), null);
            return;
        }
        List<JsonNode> messages = msg.isArray() ? toList((ArrayNode) msg) : List.of(msg);
        boolean initializing = messages.stream().anyMatch(m -> "initialize".equals(m.path("method").asText()));
        String session = ctx.request().getHeader(SESSION);
        if (!initializing) {
            if (session == null) {
                reply(ctx, 400, error(null, -32600, "missing Mcp-Session-Id header; call initialize first"), null);
                return;
            }
            if (!caller.name().equals(sessions.get(session))) {
                reply(ctx, 404, error(null, -32001, "unknown or expired session; initialize again"), null);
                return;
            }
        }
        String newSession = null;
        ArrayNode responses = mapper.createArrayNode();
        for (JsonNode m : messages) {
            if ("initialize".equals(m.path("method").asText())) {
                newSession = UUID.randomUUID().toString();
                sessions.put(newSession, caller.name());
            }
            JsonNode r = handle(m, caller);
            if (r != null) {
                responses.add(r);
            }
        }
        if (responses.isEmpty()) {
            ctx.response().setStatusCode(202);
            if (newSession != null) {
                ctx.response().putHeader(SESSION, newSession);
            }
            ctx.response().end();
            return;
        }
        reply(ctx, 200, msg.isArray() ? responses : responses.get(0), newSession);
    }

    /** {@code DELETE /mcp}: ends the caller's session. */
    public void delete(RoutingContext ctx, Principal caller) {
        String session = ctx.request().getHeader(SESSION);
        if (session != null && caller.name().equals(sessions.get(session))) {
            sessions.remove(session);
            ctx.response().setStatusCode(204).end();
        } else {
            reply(ctx, 404, error(null, -32001, "unknown session"), null);
        }
    }

    private JsonNode handle(JsonNode m, Principal caller) {
        JsonNode id = m.get("id");
        if (!m.isObject() || !"2.0".equals(m.path("jsonrpc").asText()) || !m.path("method").isTextual()) {
            if (m.isObject() && (m.has("result") || m.has("error"))) {
                return null; // a response from the client: nothing was asked, nothing to answer
            }
            return error(id, -32600, "invalid request: jsonrpc must be \"2.0\" and method a string");
        }
        if (id == null) {
            return null; // notification, e.g. notifications/initialized
        }
        JsonNode params = m.path("params");
        return switch (m.get("method").asText()) {
            case "initialize" -> result(id, initialize(params));
            case "ping" -> result(id, mapper.createObjectNode());
            case "tools/list" -> result(id, mapper.createObjectNode().set("tools", tools.list()));
            case "tools/call" -> call(id, params, caller);
            default -> error(id, -32601, "method not found: " + m.get("method").asText());
        };
    }

    private ObjectNode initialize(JsonNode params) {
        String asked = params.path("protocolVersion").asText("");
        ObjectNode r = mapper.createObjectNode();
        r.put("protocolVersion", PROTOCOL_VERSIONS.contains(asked) ? asked : PROTOCOL_VERSIONS.get(0));
        r.putObject("capabilities").putObject("tools").put("listChanged", false);
        r.putObject("serverInfo").put("name", "compliance-bot-matrix-bridge").put("version", serverVersion);
        r.put("instructions", "Tools of the compliance bot's Matrix bridge: incident rooms, oversight alerts, evidence and messages.");
        return r;
    }

    private JsonNode call(JsonNode id, JsonNode params, Principal caller) {
        String name = params.path("name").asText(null);
        if (name == null || !tools.exists(name)) {
            return error(id, -32602, "unknown tool: " + name);
        }
        JsonNode args = params.get("arguments");
        if (args != null && !args.isNull() && !args.isObject()) {
            return error(id, -32602, "arguments must be an object");
        }
        return result(id, tools.toCallResult(tools.call(name, args, caller)));
    }

    private ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode o = mapper.createObjectNode().put("jsonrpc", "2.0");
        o.set("id", id);
        o.set("result", result);
        return o;
    }

    private ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode o = mapper.createObjectNode().put("jsonrpc", "2.0");
        o.set("id", id == null ? mapper.nullNode() : id);
        o.putObject("error").put("code", code).put("message", message);
        return o;
    }

    private void reply(RoutingContext ctx, int status, JsonNode body, String session) {
        if (session != null) {
            ctx.response().putHeader(SESSION, session);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    private static List<JsonNode> toList(ArrayNode a) {
        java.util.ArrayList<JsonNode> l = new java.util.ArrayList<>();
        a.forEach(l::add);
        return l;
    }

    /** The session ids open now (for tests and metrics). */
    Set<String> sessions() {
        return sessions.keySet();
    }
}
