package org.compliancebot.bot.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.sync.SyncEngine;

/** {@code /health} (the process answers) and {@code /ready} (the sync loop runs and the database answers). */
final class HealthRoutes {
    private final Database db;
    private final SyncEngine engine;

    HealthRoutes(Database db, SyncEngine engine) {
        this.db = db;
        this.engine = engine;
    }

    void mount(Router r) {
        r.get("/health").handler(ctx -> Responses.json(ctx, 200, Map.of("status", "up")));
        r.get("/ready").handler(this::ready);
    }

    private void ready(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> {
            Map<String, Boolean> checks = new LinkedHashMap<>();
            checks.put("sync", engine != null && engine.isRunning());
            checks.put("database", db != null && db.isReachable());
            return checks;
        }, false).onComplete(ar -> {
            Map<String, Boolean> checks = ar.succeeded() ? ar.result() : Map.of("sync", false, "database", false);
            boolean ready = checks.values().stream().allMatch(Boolean::booleanValue);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", ready ? "ready" : "not_ready");
            body.put("checks", checks);
            Responses.json(ctx, ready ? 200 : 503, body);
        });
    }
}
