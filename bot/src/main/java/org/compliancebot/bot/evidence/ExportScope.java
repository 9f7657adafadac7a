package org.compliancebot.bot.evidence;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** What an audit packet covers: an incident, a change request, a control, or a room in a time range. */
public sealed interface ExportScope {
    record Incident(String incidentId) implements ExportScope {}

    record ChangeRequest(String crId) implements ExportScope {}

    record Control(String controlId) implements ExportScope {}

    /** Events of {@code roomId} with origin timestamps in [from, to). */
    record Room(String roomId, Instant from, Instant to) implements ExportScope {}

    /** The description written into the manifest. */
    default ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        switch (this) {
            case Incident i -> o.put("by", "incident").put("value", i.incidentId());
            case ChangeRequest c -> o.put("by", "change_request").put("value", c.crId());
            case Control c -> o.put("by", "control").put("value", c.controlId());
            case Room r -> o.put("by", "room").put("value", r.roomId()).put("from", r.from().toString()).put("to", r.to().toString());
        }
        return o;
    }
}
