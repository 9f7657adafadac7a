package org.compliancebot.bot.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Bearer-token authentication and per-area scopes for the API routes: 401 without a valid token, 403 without the scope. */
final class Guard {
    private static final String KEY = "principal";
    private final ApiTokens tokens;

    Guard(ApiTokens tokens) {
        this.tokens = tokens;
    }

    Handler<RoutingContext> require(String area, boolean write) {
        return ctx -> {
            var p = tokens.authenticate(ctx.request().getHeader("Authorization"));
            if (p.isEmpty()) {
                Responses.error(ctx, 401, "unauthorized", "a valid bearer token is required");
                return;
            }
            if (!p.get().allows(area, write)) {
                Responses.error(ctx, 403, "forbidden", "the token '" + p.get().name() + "' lacks the scope " + area + (write ? ":write" : ":read"));
                return;
            }
            ctx.put(KEY, p.get());
            ctx.next();
        };
    }

    /** Authenticates without a scope check (MCP checks per tool); 401 without a valid token. */
    Handler<RoutingContext> authenticated() {
        return ctx -> {
            var p = tokens.authenticate(ctx.request().getHeader("Authorization"));
            if (p.isEmpty()) {
                Responses.error(ctx, 401, "unauthorized", "a valid bearer token is required");
                return;
            }
            ctx.put(KEY, p.get());
            ctx.next();
        };
    }

    static Principal principal(RoutingContext ctx) {
        return ctx.get(KEY);
    }
}
