package org.compliancebot.bot.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /metrics} in the Prometheus text exposition format (version 0.0.4). */
final class MetricsRoute {
    private static final Logger log = LoggerFactory.getLogger(MetricsRoute.class);
    private final List<MetricSource> sources = new CopyOnWriteArrayList<>();

    void add(MetricSource s) {
        sources.add(s);
    }

    void mount(Router r) {
        r.get("/metrics").handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        ctx.vertx().executeBlocking(this::render, false).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(ar.result());
            } else {
                Responses.fail(ctx, ar.cause());
            }
        });
    }

    String render() {
        record Family(String help, StringBuilder lines) {}
        Map<String, Family> families = new LinkedHashMap<>();
        MetricSource.Writer w = (name, help, value, labels) -> {
            Family f = families.computeIfAbsent(name, n -> new Family(help, new StringBuilder()));
            f.lines().append(name);
            if (labels.length > 0) {
                f.lines().append('{');
                for (int i = 0; i + 1 < labels.length; i += 2) {
                    if (i > 0) {
                        f.lines().append(',');
                    }
                    f.lines().append(labels[i]).append("=\"").append(labels[i + 1].replace("\\", "\\\\").replace("\"", "\\\"")
                            .replace("\n", "\\n")).append('"');
                }
                f.lines().append('}');
            }
            f.lines().append(' ').append(format(value)).append('\n');
        };
        for (MetricSource s : sources) {
            try {
                s.collect(w);
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("error", e.getMessage()).log("A metric source failed; its metrics are left out");
            }
        }
        StringBuilder out = new StringBuilder();
        families.forEach((name, f) -> out.append("# HELP ").append(name).append(' ').append(f.help()).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n").append(f.lines()));
        return out.toString();
    }

    private static String format(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
