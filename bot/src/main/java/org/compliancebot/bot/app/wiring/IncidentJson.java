package org.compliancebot.bot.app.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.compliancebot.bot.incident.Checklist;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentDetails;
import org.compliancebot.bot.incident.IncidentMetrics;
import org.compliancebot.bot.incident.Invitation;
import org.compliancebot.bot.incident.Task;
import org.compliancebot.bot.incident.TimelineEntry;

/** Incidents as JSON for the REST API and MCP: snake_case fields, ISO-8601 UTC times, null when not yet known. */
final class IncidentJson {
    private final ObjectMapper mapper;
    private final String serverName;

    IncidentJson(ObjectMapper mapper, String serverName) {
        this.mapper = mapper;
        this.serverName = serverName;
    }

    ObjectNode summary(Incident i) {
        ObjectNode n = mapper.createObjectNode();
        n.put("incident_id", i.id().toString());
        n.put("title", i.title());
        n.put("severity", i.severity().name());
        n.put("priority", i.severity().priority().name());
        n.put("status", i.status().label());
        ArrayNode controls = n.putArray("violated_controls");
        i.violatedControls().forEach(controls::add);
        n.put("created_by", i.createdBy());
        n.put("created_at", i.createdAt().toString());
        n.put("room_id", i.roomId().map(Object::toString).orElse(null));
        n.put("room_alias", i.alias(serverName).value());
        n.put("opening", i.room().opening().name().toLowerCase(Locale.ROOT));
        n.put("report_event_id", i.room().reportEventId() == null ? null : i.room().reportEventId().value());
        n.put("closing", i.room().closing() == null ? null : i.room().closing().name().toLowerCase(Locale.ROOT));
        n.put("last_error", i.room().lastError());
        return n;
    }

    ObjectNode details(IncidentDetails d, IncidentMetrics m) {
        Incident i = d.incident();
        ObjectNode n = summary(i);
        n.put("description", i.description());
        ArrayNode links = n.putArray("links");
        i.links().forEach(links::add);
        n.put("first_response_at", i.response() == null ? null : i.response().at().toString());
        n.put("first_response_by", i.response() == null ? null : i.response().by().value());
        if (i.resolution() == null) {
            n.putNull("resolution");
        } else {
            n.putObject("resolution").put("summary", i.resolution().summary()).put("by", i.resolution().by().value())
                    .put("at", i.resolution().at().toString());
        }
        if (i.closure() == null) {
            n.putNull("closure");
        } else {
            n.putObject("closure").put("by", i.closure().by().value()).put("requested_at", i.closure().requestedAt().toString())
                    .put("closed_at", time(i.closure().closedAt()));
        }
        ArrayNode invitations = n.putArray("invitations");
        for (Invitation inv : d.invitations()) {
            invitations.addObject().put("user_id", inv.user().value()).put("role", inv.role().key())
                    .put("state", inv.state().name().toLowerCase(Locale.ROOT));
        }
        ObjectNode members = n.putObject("members");
        d.members().forEach((u, ms) -> members.put(u.value(), ms.name().toLowerCase(Locale.ROOT)));
        ArrayNode tasks = n.putArray("tasks");
        for (Task t : d.tasks()) {
            tasks.addObject().put("number", t.number()).put("assignee", t.assignee().value()).put("text", t.text())
                    .put("assigned_by", t.assignedBy().value()).put("at", t.at().toString());
        }
        ArrayNode checklist = n.putArray("checklist");
        for (int k = 1; k <= Checklist.ITEMS.size(); k++) {
            Checklist.Tick tick = d.checklist().ticks().get(k);
            checklist.addObject().put("item", k).put("text", Checklist.item(k)).put("done", tick != null)
                    .put("by", tick == null ? null : tick.by().value()).put("at", tick == null ? null : tick.at().toString());
        }
        ArrayNode timeline = n.putArray("timeline");
        for (TimelineEntry e : d.timeline()) {
            timeline.addObject().put("number", e.number()).put("kind", e.kind().name().toLowerCase(Locale.ROOT))
                    .put("sender", e.sender() == null ? null : e.sender().value()).put("at", e.at().toString())
                    .put("text", e.text()).put("event_id", e.eventId() == null ? null : e.eventId().value());
        }
        n.put("transcript_records", d.transcriptRecords());
        ObjectNode measures = n.putObject("metrics");
        measures.put("time_to_first_response_seconds", seconds(m.firstResponse()));
        measures.put("time_to_resolve_seconds", seconds(m.toResolve()));
        measures.put("time_to_close_seconds", seconds(m.toClose()));
        measures.put("response_target_seconds", m.responseTarget().toSeconds());
        m.respondedWithinTarget().ifPresentOrElse(b -> measures.put("responded_within_target", b),
                () -> measures.putNull("responded_within_target"));
        return n;
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
