package org.compliancebot.bot.watchdog.domain;

import static org.compliancebot.bot.watchdog.domain.PayloadFields.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The generic alert: one JSON object, or an array of them, with the fields {@code source},
 * {@code fingerprint}, {@code title}, {@code level} (a level name or a configured severity), {@code description},
 * {@code labels} (string map), {@code links} (string array) and optional {@code status}
 * ({@code firing} or {@code resolved}). Unknown fields are refused so that typos do not go unnoticed.
 */
final class GenericAlertParser implements AlertParser {
    static final Set<String> FIELDS = Set.of("source", "fingerprint", "title", "level", "description", "labels", "links", "status");

    private final SeverityMap severities;

    GenericAlertParser(SeverityMap severities) {
        this.severities = severities;
    }

    @Override
    public List<IncomingAlert> parse(String source, JsonNode body) throws AlertPayloadException {
        if (body != null && body.isArray()) {
            if (body.isEmpty() || body.size() > AlertmanagerParser.MAX_ALERTS) {
                throw malformed("body", "must hold 1 to " + AlertmanagerParser.MAX_ALERTS + " alerts");
            }
            java.util.ArrayList<IncomingAlert> out = new java.util.ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                out.add(one(source, body.get(i), "[" + i + "]."));
            }
            return out;
        }
        return List.of(one(source, body, ""));
    }

    private IncomingAlert one(String configuredSource, JsonNode b, String p) throws AlertPayloadException {
        if (b == null || !b.isObject()) {
            throw malformed(p.isEmpty() ? "body" : p.substring(0, p.length() - 1), "must be a JSON object");
        }
        Iterator<String> names = b.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!FIELDS.contains(n)) {
                throw malformed(p + n, "is not a field of the generic alert; fields are " + new java.util.TreeSet<>(FIELDS));
            }
        }
        String declared = PayloadFields.text(b, "source", p + "source", true, 100);
        String fingerprint = PayloadFields.text(b, "fingerprint", p + "fingerprint", true, IncomingAlert.MAX_FINGERPRINT);
        String title = PayloadFields.text(b, "title", p + "title", true, IncomingAlert.MAX_TITLE);
        String levelText = PayloadFields.text(b, "level", p + "level", true, 40);
        Level level = PayloadFields.level(severities, levelText, p + "level");
        String description = PayloadFields.text(b, "description", p + "description", false, IncomingAlert.MAX_DESCRIPTION);
        AlertStatus status = PayloadFields.status(PayloadFields.text(b, "status", p + "status", false, 20), p + "status");
        var labels = PayloadFields.stringMap(b, "labels", p + "labels");
        labels.putIfAbsent("source", declared);
        var links = PayloadFields.stringList(b, "links", p + "links");
        // The configured source is the identity that authenticated; the declared one is kept as a label.
        return new IncomingAlert(configuredSource, declared + "/" + fingerprint, title, level, status, description, labels, links);
    }
}
