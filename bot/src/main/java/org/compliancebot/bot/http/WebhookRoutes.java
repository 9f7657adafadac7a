package org.compliancebot.bot.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bot.watchdog.WatchdogModule;
import org.compliancebot.bot.watchdog.WebhookSource;
import org.compliancebot.bot.watchdog.domain.AlertPayloadException;
import org.compliancebot.bot.watchdog.domain.IncomingAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/{source}}: alert ingestion. Authenticates the source (bearer token or HMAC of
 * the body), parses and validates the whole body, and answers 200 only after the alerts are committed.
 * A refused request stores and posts nothing.
 */
final class WebhookRoutes {
    private static final Logger log = LoggerFactory.getLogger(WebhookRoutes.class);
    private static final ObjectReader READER = Responses.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final WatchdogModule watchdog;

    WebhookRoutes(WatchdogModule watchdog) {
        this.watchdog = watchdog;
    }

    void mount(Router router) {
        router.post("/webhooks/:source").handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String name = ctx.pathParam("source");
        Optional<WebhookSource> found = watchdog == null ? Optional.empty() : watchdog.source(name);
        if (found.isEmpty()) {
            Responses.error(ctx, 404, "not_found", "no alert source named '" + name + "' is configured");
            return;
        }
        WebhookSource source = found.get();
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        boolean ok = source.usesHmac()
                ? source.signatureMatches(body, ctx.request().getHeader(source.hmacHeader()))
                : ApiTokens.bearer(ctx.request().getHeader("Authorization")).map(source::tokenMatches).orElse(false);
        if (!ok) {
            log.atWarn().addKeyValue("source", name).addKeyValue("remote", ctx.request().remoteAddress().host())
                    .log("Refused an unauthenticated webhook request");
            Responses.error(ctx, 401, "unauthorized", source.usesHmac()
                    ? "missing or wrong HMAC-SHA256 signature in header " + source.hmacHeader()
                    : "missing or wrong bearer token for source '" + name + "'");
            return;
        }
        JsonNode json;
        try {
            json = body.length == 0 ? null : READER.readTree(body);
        } catch (JsonProcessingException e) {
            Responses.error(ctx, 400, "malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
            return;
        } catch (java.io.IOException e) {
            Responses.error(ctx, 400, "malformed_json", "the body cannot be read as JSON");
            return;
        }
        if (json == null) {
            Responses.error(ctx, 400, "malformed_json", "the body is empty; expected a JSON alert payload");
            return;
        }
        List<IncomingAlert> alerts;
        try {
            alerts = source.parser().parse(name, json);
        } catch (AlertPayloadException e) {
            String code = e.kind() == AlertPayloadException.Kind.UNKNOWN_LEVEL ? "unknown_level" : "invalid_alert";
            Responses.error(ctx, 422, code, e.getMessage());
            return;
        }
        watchdog.ingest().submit(alerts).whenComplete((r, failure) -> {
            if (failure != null) {
                Responses.fail(ctx, failure);
            } else {
                Responses.json(ctx, 200, Map.of("accepted", r.accepted(), "created", r.created(), "repeated", r.repeated(),
                        "resolved", r.resolved(), "ignored", r.ignored()));
            }
        });
    }
}
