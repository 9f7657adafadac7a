package org.compliancebot.bot.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.http.service.ApiException;
import org.compliancebot.bot.watchdog.WatchdogModule;
import org.compliancebot.bot.watchdog.WatchdogService;
import org.compliancebot.bot.watchdog.domain.Level;
import org.compliancebot.bot.watchdog.domain.StoredAlert;
import org.compliancebot.bot.watchdog.store.AlertStore;

/** {@code /api/v1/alerts}: list, read and acknowledge alerts. */
final class AlertRoutes {
    private final WatchdogModule watchdog;
    private final Guard guard;

    AlertRoutes(WatchdogModule watchdog, Guard guard) {
        this.watchdog = watchdog;
        this.guard = guard;
    }

    void mount(Router r) {
        r.get("/api/v1/alerts").handler(guard.require("alerts", false)).handler(this::list);
        r.get("/api/v1/alerts/:id").handler(guard.require("alerts", false)).handler(this::get);
        r.post("/api/v1/alerts/:id/ack").handler(guard.require("alerts", true)).handler(this::ack);
    }

    private WatchdogService service() {
        if (watchdog == null) {
            throw ApiException.unavailable("the watchdog is");
        }
        return watchdog.service();
    }

    private void list(RoutingContext ctx) {
        Responses.blocking(ctx, 200, () -> {
            AlertStore.Filter filter = switch (ctx.queryParams().get("status") == null ? "all" : ctx.queryParams().get("status")) {
                case "open" -> AlertStore.Filter.OPEN;
                case "resolved" -> AlertStore.Filter.RESOLVED;
                case "all" -> AlertStore.Filter.ALL;
                default -> throw ApiException.invalid("status must be open, resolved or all");
            };
            String levelText = ctx.queryParams().get("level");
            Level level = levelText == null ? null
                    : Level.parse(levelText).orElseThrow(() -> ApiException.invalid("unknown level '" + levelText + "'"));
            int limit = intParam(ctx, "limit", 100, 1, 1000);
            long after = intParam(ctx, "after", 0, 0, Integer.MAX_VALUE);
            List<StoredAlert> page = service().list(filter, level, limit, after);
            var out = Responses.MAPPER.createObjectNode();
            var arr = out.putArray("alerts");
            page.forEach(a -> arr.add(AlertJson.of(a)));
            if (page.size() == limit) {
                out.put("next_after", page.get(page.size() - 1).id());
            } else {
                out.putNull("next_after");
            }
            return out;
        });
    }

    private void get(RoutingContext ctx) {
        Responses.blocking(ctx, 200, () -> AlertJson.of(service().find(id(ctx)).orElseThrow(() -> ApiException.notFound("alert"))));
    }

    private void ack(RoutingContext ctx) {
        Principal p = Guard.principal(ctx);
        Responses.blocking(ctx, 200, () -> {
            long id = id(ctx);
            service().find(id).orElseThrow(() -> ApiException.notFound("alert"));
            List<Long> done = service().acknowledge(List.of(id), p.actor());
            return Map.of("acknowledged", !done.isEmpty(), "alert", AlertJson.of(service().find(id).orElseThrow()));
        });
    }

    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("alert");
        }
    }

    static int intParam(RoutingContext ctx, String name, int def, int min, int max) {
        String v = ctx.queryParams().get(name);
        if (v == null) {
            return def;
        }
        try {
            int x = Integer.parseInt(v);
            if (x >= min && x <= max) {
                return x;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(name + " must be a whole number from " + min + " to " + max);
    }
}
