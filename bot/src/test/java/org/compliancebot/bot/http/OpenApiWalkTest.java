package org.compliancebot.bot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document is valid, lists exactly the server's routes, and every operation answers with a
 * documented status and, for JSON answers, a JSON body ({@code {error, message}} for errors). The real
 * incident, change request and approval services are bound, as in the running bot.
 */
class OpenApiWalkTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private static final String GENERIC = "{\"source\":\"backup\",\"fingerprint\":\"n1\",\"title\":\"Backup failed\",\"level\":\"critical\"}";

    @TempDir
    Path dir;
    private OfflineHttp h;
    private String text;

    @BeforeEach
    void start() throws Exception {
        h = new OfflineHttp(dir, 1024 * 1024, true);
        HttpResponse<String> r = h.get("/openapi.json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        // Java's client offers a cleartext HTTP/2 upgrade; the server stays on HTTP/1.1.
        assertThat(r.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
        text = r.body();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private OpenAPI parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertThat(result.getMessages()).as("OpenAPI validation messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        return result.getOpenAPI();
    }

    @Test
    void theDocumentIsValidAndListsExactlyTheServersRoutes() {
        OpenAPI api = parse();
        Set<String> documented = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet().forEach(m -> documented.add(m.name() + " " + path)));
        assertThat(h.http.routes()).isEqualTo(documented);
    }

    @Test
    void everyOperationAnswersAsDocumented() throws Exception {
        OpenAPI api = parse();
        h.post("/webhooks/generic", OfflineHttp.GENERIC, GENERIC);
        int walked = 0;
        for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> o : p.getValue().readOperationsMap().entrySet()) {
                String path = p.getKey().replace("{source}", "generic").replace("{id}", "1");
                String method = o.getKey().name();
                String body = null;
                Map<String, String> headers = Map.of();
                if (o.getValue().getRequestBody() != null) {
                    body = path.startsWith("/webhooks/") ? GENERIC
                            : path.equals("/mcp") ? "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"walk\",\"version\":\"1\"}}}"
                            : "{}";
                }
                String token = path.startsWith("/webhooks/") ? OfflineHttp.GENERIC : OfflineHttp.ADMIN;
                HttpResponse<String> r = h.send(method, path, token, body, headers);
                String what = method + " " + p.getKey() + " -> " + r.statusCode() + " " + r.body();
                if (p.getKey().matches("/api/v1/(incidents|changes|approvals).*")) {
                    assertThat(r.statusCode()).as("a bound service answers, " + what).isNotEqualTo(503);
                    if (method.equals("GET") && !p.getKey().contains("{id}")) {
                        assertThat(r.statusCode()).as(what).isEqualTo(200);
                    }
                }
                ApiResponse documented = o.getValue().getResponses().get(Integer.toString(r.statusCode()));
                assertThat(documented).as("status documented for " + what).isNotNull();
                if (documented.getContent() != null && documented.getContent().containsKey("application/json")) {
                    assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/json");
                    JsonNode json = mapper.readTree(r.body());
                    String ref = documented.getContent().get("application/json").getSchema().get$ref();
                    if (ref != null && ref.endsWith("/Error")) {
                        assertThat(json.path("error").isTextual() && json.path("message").isTextual()).as(what).isTrue();
                    }
                    if (ref != null && ref.endsWith("/Alert")) {
                        assertThat(json.path("id").asLong()).as(what).isEqualTo(1);
                    }
                }
                walked++;
            }
        }
        assertThat(walked).isGreaterThanOrEqualTo(25);
    }

    @Test
    void unknownRoutesAndMethodsAreJsonErrors() throws Exception {
        HttpResponse<String> r = h.get("/api/v1/nothing", OfflineHttp.ADMIN);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(mapper.readTree(r.body()).path("error").asText()).isEqualTo("not_found");
        r = h.send("PUT", "/api/v1/alerts", OfflineHttp.ADMIN, "{}", Map.of());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(mapper.readTree(r.body()).path("error").asText()).isEqualTo("method_not_allowed");
    }
}
