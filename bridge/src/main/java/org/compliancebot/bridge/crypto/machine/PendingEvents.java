package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancebot.bridge.crypto.state.StateDecodeException;
import org.compliancebot.bridge.event.MalformedEventException;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.RoomId;

/** Encrypted room events waiting for their room key, by event id, in arrival order. */
final class PendingEvents {
    private record Pending(String sessionId, RoomEvent event) {}

    private final Map<String, Pending> events = new LinkedHashMap<>();
    private final StateChanges changes;

    PendingEvents(StateChanges changes) {
        this.changes = changes;
    }

    void add(String sessionId, RoomEvent event) {
        String id = event.eventId().value();
        if (events.putIfAbsent(id, new Pending(sessionId, event)) == null) {
            ObjectNode o = Json.object();
            o.put("session_id", sessionId);
            o.put("room_id", event.roomId().value());
            o.set("event", event.raw());
            changes.put(StateKind.PENDING_EVENT, id, Json.bytes(o));
        }
    }

    /** Removes and returns the events of one session. */
    List<RoomEvent> take(RoomId room, String sessionId) {
        List<RoomEvent> out = new ArrayList<>();
        events.values().removeIf(p -> {
            if (p.sessionId.equals(sessionId) && p.event.roomId().equals(room)) {
                out.add(p.event);
                changes.delete(StateKind.PENDING_EVENT, p.event.eventId().value());
                return true;
            }
            return false;
        });
        return out;
    }

    int size() {
        return events.size();
    }

    void load(Map<String, byte[]> stored) throws StateDecodeException {
        for (byte[] value : stored.values()) {
            ObjectNode o = Json.parseState(value);
            try {
                RoomEvent e = RoomEvent.parse(RoomId.of(Json.text(o, "room_id")), o.get("event"));
                events.put(e.eventId().value(), new Pending(Json.text(o, "session_id"), e));
            } catch (MalformedEventException | IllegalArgumentException e) {
                throw new StateDecodeException("a persisted pending event is corrupt: " + e.getMessage());
            }
        }
    }
}
