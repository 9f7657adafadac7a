package org.compliancebot.bot.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.compliancebot.bot.http.service.ApiException;
import org.compliancebot.bot.http.service.ServiceRegistry;

/**
 * REST routes for incidents, change requests, approvals and evidence. Each calls the registered
 * service; while a service is not registered its routes answer 503 {@code unavailable}.
 */
final class ServiceRoutes {
    private final ServiceRegistry services;
    private final Guard guard;

    ServiceRoutes(ServiceRegistry services, Guard guard) {
        this.services = services;
        this.guard = guard;
    }

    void mount(Router r) {
        r.get("/api/v1/incidents").handler(guard.require("incidents", false))
                .handler(ctx -> Responses.blocking(ctx, 200, () -> services.incidents().list(query(ctx))));
        r.post("/api/v1/incidents").handler(guard.require("incidents", true))
                .handler(ctx -> Responses.blocking(ctx, 201, () -> services.incidents().open(body(ctx), actor(ctx))));
        r.get("/api/v1/incidents/:id").handler(guard.require("incidents", false))
                .handler(ctx -> Responses.blocking(ctx, 200, () -> services.incidents().get(ctx.pathParam("id"))));
        r.post("/api/v1/incidents/:id/close").handler(guard.require("incidents", true))
                .handler(ctx -> Responses.blocking(ctx, 200, () -> services.incidents().close(ctx.pathParam("id"), body(ctx), actor(ctx))));

        r.get("/api/v1/changes").handler(guard.require("changes", false))
                .handler(ctx -> Responses.blocking(ctx, 200, () -> services.changes().list(query(ctx))));
        r.post("/api/v1/changes").handler(guard.require("changes", true))
                .handler(ctx -> Responses.blocking(ctx, 201, () -> services.changes().create(body(ctx), actor(ctx))));
        r.get("/api/v1/changes/:id").handler(guard.require("changes", false))
                .handler(ctx -> Responses.blocking(ctx, 200, () -> services.changes().status(ctx.pathParam("id"))));
        r.post("/api/v1/changes/:id/submit").handler(guard.require("changes", true))
                .handler(ctx -> Responses.blocking(ctx, 200, () -> services.changes().submit(ctx.pathParam("id"), actor(ctx))));
        r.post("/api/v1/changes/:id/assess").handler(guard.require("changes", true))
                .handler(ctx -> Responses.blocking(ctx, 200, () -> services.changes().assess(ctx.pathParam("id"), body(ctx), actor(ctx))));
        r.post("/api/v1/changes/:id/advance").handler(guard.require("changes", true))
                .handler(ctx -> Responses.blocking(ctx, 200, () -> services.changes().advance(ctx.pathParam("id"), body(ctx), actor(ctx))));

        r.get("/api/v1/approvals").handler(guard.require("approvals", false))
                .handler(ctx -> Responses.blocking(ctx, 200, () -> services.approvals().list(query(ctx))));
        r.get("/api/v1/approvals/:id").handler(guard.require("approvals", false))
                .handler(ctx -> Responses.blocking(ctx, 200, () -> services.approvals().get(ctx.pathParam("id"))));

        r.get("/api/v1/evidence").handler(guard.require("evidence", false))
                .handler(ctx -> Responses.blocking(ctx, 200, () -> services.evidence().list(query(ctx), actor(ctx), Guard.principal(ctx).isAuditor())));
        r.post("/api/v1/evidence/extract").handler(guard.require("evidence", true))
                .handler(ctx -> Responses.blocking(ctx, 200, () -> services.evidence().extract(body(ctx), actor(ctx))));
        r.get("/api/v1/evidence/export").handler(guard.require("evidence", false))
                .handler(ctx -> Responses.blocking(ctx, 200, () -> services.evidence().export(query(ctx), actor(ctx), Guard.principal(ctx).isAuditor())));
    }

    private static String actor(RoutingContext ctx) {
        return Guard.principal(ctx).actor();
    }

    private static Map<String, String> query(RoutingContext ctx) {
        Map<String, String> q = new LinkedHashMap<>();
        ctx.queryParams().forEach(e -> q.putIfAbsent(e.getKey(), e.getValue()));
        return q;
    }

    /** The JSON object body; an empty body is an empty object. */
    static JsonNode body(RoutingContext ctx) {
        if (ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
            return Responses.MAPPER.createObjectNode();
        }
        try {
            JsonNode n = Responses.MAPPER.readTree(ctx.body().buffer().getBytes());
            if (n == null || !n.isObject()) {
                throw new ApiException(400, "malformed_json", "the body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new ApiException(400, "malformed_json", "the body is not valid JSON");
        }
    }
}
