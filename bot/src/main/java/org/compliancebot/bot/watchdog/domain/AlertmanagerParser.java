package org.compliancebot.bot.watchdog.domain;

import static org.compliancebot.bot.watchdog.domain.PayloadFields.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus Alertmanager webhook (payload version 4) and Grafana's alerting webhook, which uses the
 * same shape with a few more fields. Severity comes from the {@code severity} label; the title from the
 * {@code summary} annotation, else the {@code alertname} label.
 */
final class AlertmanagerParser implements AlertParser {
    static final int MAX_ALERTS = 1000;

    private final SeverityMap severities;
    private final boolean requireVersion4;

    AlertmanagerParser(SeverityMap severities, boolean requireVersion4) {
        this.severities = severities;
        this.requireVersion4 = requireVersion4;
    }

    @Override
    public List<IncomingAlert> parse(String source, JsonNode body) throws AlertPayloadException {
        if (body == null || !body.isObject()) {
            throw malformed("body", "must be a JSON object");
        }
        if (requireVersion4) {
            String version = PayloadFields.text(body, "version", "version", true, 10);
            if (!"4".equals(version)) {
                throw malformed("version", "must be \"4\" (the Alertmanager webhook payload version), got \"" + version + "\"");
            }
        }
        JsonNode alerts = body.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw malformed("alerts", "must be an array");
        }
        if (alerts.size() > MAX_ALERTS) {
            throw malformed("alerts", "holds " + alerts.size() + " alerts; at most " + MAX_ALERTS + " per request");
        }
        Map<String, String> commonAnnotations = PayloadFields.stringMap(body, "commonAnnotations", "commonAnnotations");
        List<IncomingAlert> out = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            out.add(one(source, alerts.get(i), "alerts[" + i + "]", commonAnnotations));
        }
        return out;
    }

    private IncomingAlert one(String source, JsonNode a, String path, Map<String, String> commonAnnotations)
            throws AlertPayloadException {
        if (!a.isObject()) {
            throw malformed(path, "must be an object");
        }
        AlertStatus status = PayloadFields.status(PayloadFields.text(a, "status", path + ".status", true, 20), path + ".status");
        Map<String, String> labels = PayloadFields.stringMap(a, "labels", path + ".labels");
        Map<String, String> annotations = new LinkedHashMap<>(commonAnnotations);
        annotations.putAll(PayloadFields.stringMap(a, "annotations", path + ".annotations"));
        Level level = PayloadFields.level(severities, labels.get("severity"), path + ".labels.severity");
        String fingerprint = PayloadFields.text(a, "fingerprint", path + ".fingerprint", false, IncomingAlert.MAX_FINGERPRINT);
        if (fingerprint == null || fingerprint.isBlank()) {
            if (labels.isEmpty()) {
                throw malformed(path, "has neither a fingerprint nor labels to identify it");
            }
            fingerprint = PayloadFields.fingerprintOf(source, labels);
        }
        String title = firstNonBlank(annotations.get("summary"), annotations.get("title"), labels.get("alertname"),
                PayloadFields.text(a, "valueString", path + ".valueString", false, IncomingAlert.MAX_DESCRIPTION));
        if (title == null) {
            throw malformed(path, "has no annotations.summary and no labels.alertname to use as a title");
        }
        title = clip(title, IncomingAlert.MAX_TITLE);
        String description = clip(firstNonBlank(annotations.get("description"), annotations.get("message"), ""),
                IncomingAlert.MAX_DESCRIPTION);
        List<String> links = new ArrayList<>();
        for (String f : List.of("generatorURL", "dashboardURL", "panelURL", "silenceURL")) {
            String u = PayloadFields.text(a, f, path + "." + f, false, 2000);
            if (u != null && !u.isBlank()) {
                links.add(u);
            }
        }
        if (annotations.containsKey("runbook_url")) {
            links.add(annotations.get("runbook_url"));
        }
        return new IncomingAlert(source, fingerprint, title, level, status, description, labels, links);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
