package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bridge.crypto.megolm.OutboundGroupSession;
import org.compliancebot.bridge.crypto.state.StateDecodeException;
import org.compliancebot.bridge.id.RoomId;

/**
 * Our current Megolm session per room, when it was created, how many messages it encrypted, and what
 * each recipient device got: {@code shared}, or a withheld code ({@code m.unverified}, {@code m.no_olm}).
 */
final class OutboundGroups {
    static final class Outbound {
        final OutboundGroupSession session;
        final long createdAt;
        long messages;
        /** "user|device" to what that device got. */
        final Map<String, String> recipients = new LinkedHashMap<>();

        Outbound(OutboundGroupSession session, long createdAt) {
            this.session = session;
            this.createdAt = createdAt;
        }

        @Override
        public String toString() {
            return "Outbound[" + session.sessionId() + ", " + messages + " messages]";
        }
    }

    private final Map<RoomId, Outbound> rooms = new HashMap<>();
    private final StateChanges changes;

    OutboundGroups(StateChanges changes) {
        this.changes = changes;
    }

    Optional<Outbound> get(RoomId room) {
        return Optional.ofNullable(rooms.get(room));
    }

    void put(RoomId room, Outbound out) {
        rooms.put(room, out);
        save(room);
    }

    /** Drops the room's session, so the next message starts a new one (after a member left, say). */
    void discard(RoomId room) {
        if (rooms.remove(room) != null) {
            changes.delete(StateKind.OUTBOUND_GROUP, room.value());
        }
    }

    void save(RoomId room) {
        Outbound out = rooms.get(room);
        ObjectNode o = Json.object();
        o.put("session", Json.base64(out.session.toBytes()));
        o.put("created_at", out.createdAt);
        o.put("messages", out.messages);
        ObjectNode r = o.putObject("recipients");
        out.recipients.forEach(r::put);
        changes.put(StateKind.OUTBOUND_GROUP, room.value(), Json.bytes(o));
    }

    void load(Map<String, byte[]> stored) throws StateDecodeException {
        for (Map.Entry<String, byte[]> e : stored.entrySet()) {
            ObjectNode o = Json.parseState(e.getValue());
            Outbound out = new Outbound(OutboundGroupSession.fromBytes(Json.base64(o, "session")),
                    o.path("created_at").asLong());
            out.messages = o.path("messages").asLong();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("recipients").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                out.recipients.put(r.getKey(), r.getValue().asText());
            }
            rooms.put(RoomId.of(e.getKey()), out);
        }
    }
}
