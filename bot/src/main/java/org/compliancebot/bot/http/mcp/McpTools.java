package org.compliancebot.bot.http.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bot.http.Principal;
import org.compliancebot.bot.http.service.ApiException;
import org.compliancebot.bot.http.service.ServiceRegistry;

/**
 * The MCP tools of the Matrix bridge (names and input schemas from the integration plan), each mapped to
 * a service and a scope. A call is checked against the tool's schema and the caller's scope before it
 * reaches the service, the same services the REST API uses.
 */
public final class McpTools {
    /** The outcome of a tool call: a JSON result, or an error message for the model. */
    public record Result(JsonNode structured, String error) {
        boolean isError() {
            return error != null;
        }
    }

    /** The scope that lets a token search every monitored room, not only those its user is a member of. */
    public static final String AUDITOR_SCOPE = Principal.AUDITOR_SCOPE;

    private record Tool(JsonNode definition, String area, boolean write) {}

    private final ObjectMapper mapper;
    private final ServiceRegistry services;
    private final Map<String, Tool> tools = new LinkedHashMap<>();

    public McpTools(ObjectMapper mapper, ServiceRegistry services) {
        this.mapper = mapper;
        this.services = services;
        Map<String, String[]> scopes = Map.of(
                "matrix.create_incident_room", new String[] {"incidents", "w"},
                "matrix.post_oversight_alert", new String[] {"approvals", "w"},
                "matrix.extract_room_evidence", new String[] {"evidence", "w"},
                "matrix.search_compliance_discussions", new String[] {"evidence", "r"},
                "matrix.post_message", new String[] {"messages", "w"});
        try (InputStream in = McpTools.class.getResourceAsStream("/mcp/tools.json")) {
            for (JsonNode t : mapper.readTree(in)) {
                String[] s = scopes.get(t.get("name").asText());
                tools.put(t.get("name").asText(), new Tool(t, s[0], "w".equals(s[1])));
            }
        } catch (IOException e) {
            throw new IllegalStateException("the MCP tool definitions cannot be read", e);
        }
    }

    /** The {@code tools} array of {@code tools/list}. */
    public ArrayNode list() {
        ArrayNode a = mapper.createArrayNode();
        tools.values().forEach(t -> a.add(t.definition().deepCopy()));
        return a;
    }

    public boolean exists(String name) {
        return tools.containsKey(name);
    }

    /** Runs a tool; refusals (scope, schema, a service that is absent or refuses) come back as error results. */
    public Result call(String name, JsonNode arguments, Principal caller) {
        Tool tool = tools.get(name);
        if (!caller.allows(tool.area(), tool.write())) {
            return new Result(null, "forbidden: the token '" + caller.name() + "' lacks the scope " + tool.area() + (tool.write() ? ":write" : ":read"));
        }
        JsonNode args = arguments == null || arguments.isNull() ? mapper.createObjectNode() : arguments;
        Optional<String> problem = SchemaCheck.problem(tool.definition().get("inputSchema"), args, "");
        if (problem.isPresent()) {
            return new Result(null, "invalid arguments: " + problem.get());
        }
        try {
            return new Result(dispatch(name, args, caller.actor(), caller.isAuditor()), null);
        } catch (ApiException e) {
            return new Result(null, e.error() + ": " + e.getMessage());
        }
    }

    private JsonNode dispatch(String name, JsonNode a, String actor, boolean auditor) {
        return switch (name) {
            case "matrix.create_incident_room" -> {
                List<String> axioms = new ArrayList<>();
                a.path("violated_axioms").forEach(x -> axioms.add(x.asText()));
                yield services.incidentOpener().createIncidentRoom(a.get("incident_id").asText(), a.get("severity").asText(), axioms, actor);
            }
            case "matrix.post_oversight_alert" -> a.path("requires_approval").asBoolean(false)
                    ? services.approvals().request(a, actor)
                    : services.messages().oversightNotice(a.get("pipeline_id").asText(), a.get("step").asText(),
                            a.has("metadata") ? a.get("metadata") : mapper.createObjectNode(), actor);
            case "matrix.extract_room_evidence" -> services.evidence().extract(a, actor);
            case "matrix.search_compliance_discussions" -> services.evidence().search(a, actor, auditor);
            case "matrix.post_message" -> services.messages().post(a.get("room_id").asText(), a.get("message").asText(), actor);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The {@code tools/call} result object for {@code r}. */
    public ObjectNode toCallResult(Result r) {
        ObjectNode out = mapper.createObjectNode();
        ArrayNode content = out.putArray("content");
        if (r.isError()) {
            content.addObject().put("type", "text").put("text", r.error());
            out.put("isError", true);
        } else {
            content.addObject().put("type", "text").put("text", r.structured().toString());
            if (r.structured().isObject()) {
                out.set("structuredContent", r.structured());
            }
            out.put("isError", false);
        }
        return out;
    }
}
