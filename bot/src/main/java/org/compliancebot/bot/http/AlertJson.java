package org.compliancebot.bot.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.compliancebot.bot.watchdog.domain.StoredAlert;

/** The JSON form of an alert in the REST API (schema {@code Alert} in the OpenAPI document). */
final class AlertJson {
    private AlertJson() {}

    static ObjectNode of(StoredAlert s) {
        ObjectNode o = Responses.MAPPER.createObjectNode();
        o.put("id", s.id());
        o.put("source", s.alert().source());
        o.put("fingerprint", s.alert().fingerprint());
        o.put("title", s.alert().title());
        o.put("level", s.level().wireName());
        o.put("status", s.superseded() ? "superseded" : s.resolvedAt() != null ? "resolved" : "firing");
        o.put("description", s.alert().description());
        o.set("labels", Responses.MAPPER.valueToTree(s.alert().labels()));
        o.set("links", Responses.MAPPER.valueToTree(s.alert().links()));
        o.put("fire_count", s.fireCount());
        time(o, "first_seen", s.firstSeen());
        time(o, "last_seen", s.lastSeen());
        o.put("event_id", s.eventId());
        if (s.digestId() == null) {
            o.putNull("digest_id");
        } else {
            o.put("digest_id", s.digestId());
        }
        o.put("acknowledged_by", s.ackedBy());
        time(o, "acknowledged_at", s.ackedAt());
        time(o, "escalated_at", s.escalatedAt());
        time(o, "resolved_at", s.resolvedAt());
        o.put("incident_id", s.incidentId());
        return o;
    }

    private static void time(ObjectNode o, String field, Instant t) {
        if (t == null) {
            o.putNull(field);
        } else {
            o.put(field, t.toString());
        }
    }
}
