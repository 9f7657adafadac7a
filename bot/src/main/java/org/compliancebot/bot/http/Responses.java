package org.compliancebot.bot.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import org.compliancebot.bot.http.service.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON answers, errors as {@code {"error": code, "message": text}}, and blocking work off the event loop. */
final class Responses {
    private static final Logger log = LoggerFactory.getLogger(Responses.class);
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Responses() {}

    static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        String text;
        try {
            text = MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            status = 500;
            text = "{\"error\":\"internal\",\"message\":\"response could not be written\"}";
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
    }

    static void error(RoutingContext ctx, int status, String error, String message) {
        ObjectNode b = MAPPER.createObjectNode().put("error", error).put("message", message);
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        json(ctx, status, b);
    }

    /** Runs {@code work} on a worker thread and answers with its result (200) or its {@link ApiException}. */
    static void blocking(RoutingContext ctx, int status, Callable<Object> work) {
        Vertx vertx = ctx.vertx();
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ar.succeeded()) {
                json(ctx, status, ar.result());
            } else {
                fail(ctx, ar.cause());
            }
        });
    }

    static void fail(RoutingContext ctx, Throwable t) {
        if (t instanceof ApiException e) {
            error(ctx, e.status(), e.error(), e.getMessage());
        } else {
            log.atError().addKeyValue("path", ctx.normalizedPath()).setCause(t).log("Request failed");
            error(ctx, 500, "internal", "internal error; see the bot's log");
        }
    }
}
