package org.compliancebot.bot.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.compliancebot.bot.config.HttpConfig;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.http.mcp.McpEndpoint;
import org.compliancebot.bot.http.mcp.McpTools;
import org.compliancebot.bot.http.service.ServiceRegistry;
import org.compliancebot.bot.watchdog.WatchdogModule;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.outbox.Outbox;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.sync.SyncEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's HTTP face on Vert.x: alert webhooks, the REST API with bearer tokens and scopes, the MCP
 * endpoint, {@code /openapi.json}, {@code /metrics}, {@code /health} and {@code /ready}. Every error is
 * JSON {@code {"error", "message"}}. Blocking work (database, Matrix) runs on worker threads.
 */
public final class HttpServerModule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServerModule.class);
    static final String VERSION = "0.1.0";

    private final Vertx vertx;
    private final HttpServer server;
    private final ServiceRegistry services;
    private final MetricsRoute metrics;
    private final Router router;

    private HttpServerModule(Vertx vertx, HttpServer server, ServiceRegistry services, MetricsRoute metrics, Router router) {
        this.vertx = vertx;
        this.router = router;
        this.server = server;
        this.services = services;
        this.metrics = metrics;
    }

    /**
     * Starts the server and returns once it listens. {@code watchdog}, {@code engine}, {@code client} and
     * {@code outbox} may be null (their routes then answer 503 or leave their metrics out).
     */
    public static HttpServerModule start(HttpConfig config, Secrets secrets, Clock clock, Database db, MatrixClient client,
                                         Outbox outbox, SyncEngine engine, WatchdogModule watchdog) {
        ServiceRegistry services = new ServiceRegistry();
        if (client != null && outbox != null) {
            services.messages(new OutboxRoomMessages(client, outbox, watchdog == null ? null : watchdog.rooms()));
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(8).setEventLoopPoolSize(2));
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
        Guard guard = new Guard(new ApiTokens(config, secrets));
        new HealthRoutes(db, engine).mount(router);
        MetricsRoute metrics = new MetricsRoute();
        metrics.add(new BotMetrics(db, outbox, engine, watchdog, clock));
        metrics.mount(router);
        new WebhookRoutes(watchdog).mount(router);
        new AlertRoutes(watchdog, guard).mount(router);
        new ServiceRoutes(services, guard).mount(router);
        McpEndpoint mcp = new McpEndpoint(Responses.MAPPER, new McpTools(Responses.MAPPER, services), VERSION);
        router.post("/mcp").handler(guard.authenticated()).blockingHandler(ctx -> mcp.post(ctx, Guard.principal(ctx)), false);
        router.delete("/mcp").handler(guard.authenticated()).handler(ctx -> mcp.delete(ctx, Guard.principal(ctx)));
        router.get("/mcp").handler(ctx -> Responses.error(ctx, 405, "method_not_allowed",
                "this server offers no SSE stream; send JSON-RPC requests with POST"));
        String openapi = resource("/openapi/openapi.json");
        router.get("/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(openapi));
        errors(router, config.maxBodyBytes());
        // HTTP/1.1 only: clients that offer a cleartext HTTP/2 upgrade (Java's HttpClient does) get a plain answer
        // instead of a protocol switch in mid-request, which has been seen to garble large responses.
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(config.bind()).setPort(config.port())
                .setHttp2ClearTextEnabled(false));
        try {
            server.requestHandler(router).listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IllegalStateException("interrupted while starting the HTTP server", e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("the HTTP server cannot listen on " + config.bind() + ":" + config.port() + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
        log.atInfo().addKeyValue("bind", config.bind()).addKeyValue("port", server.actualPort()).log("HTTP server listening");
        return new HttpServerModule(vertx, server, services, metrics, router);
    }

    private static void errors(Router router, int maxBody) {
        router.errorHandler(404, ctx -> Responses.error(ctx, 404, "not_found", "no such resource: " + ctx.request().path()));
        router.errorHandler(405, ctx -> Responses.error(ctx, 405, "method_not_allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(413, ctx -> Responses.error(ctx, 413, "payload_too_large",
                "the body is larger than the limit of " + maxBody + " bytes (http.max_body_bytes)"));
        router.errorHandler(400, ctx -> Responses.error(ctx, 400, "bad_request", "the request cannot be read"));
        router.errorHandler(500, (RoutingContext ctx) -> {
            if (ctx.failure() != null) {
                log.atError().addKeyValue("path", ctx.request().path()).setCause(ctx.failure()).log("Request failed");
            }
            Responses.error(ctx, 500, "internal", "internal error; see the bot's log");
        });
    }

    private static String resource(String name) {
        try (InputStream in = HttpServerModule.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    /** The port the server listens on (useful with {@code http.port: 0}). */
    public int port() {
        return server.actualPort();
    }

    /** The Vert.x router, for the benchmark's reference route. */
    Router router() {
        return router;
    }

    /** The routes as "METHOD /path/{param}", for checking them against the OpenAPI document. */
    java.util.Set<String> routes() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (io.vertx.ext.web.Route r : router.getRoutes()) {
            if (r.getPath() != null && r.methods() != null) {
                String path = r.getPath().replaceAll(":([A-Za-z_]+)", "{$1}");
                r.methods().forEach(m -> out.add(m.name() + " " + path));
            }
        }
        return out;
    }

    /** Where other modules register the services behind the REST and MCP routes. */
    public ServiceRegistry services() {
        return services;
    }

    /** Adds metrics from another module (e.g. active incident rooms, pending approvals, evidence counts). */
    public void addMetrics(MetricSource source) {
        metrics.add(source);
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Closing the HTTP server took too long: {}", e.getMessage());
        }
    }
}
