package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.compliancebot.bridge.crypto.state.StateDecodeException;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * What the machine knows of each room: its {@code m.room.encryption} content (null when not
 * encrypted), history visibility and membership. Membership is complete once the caller loaded the
 * member list; after that, membership events keep it current.
 */
final class Rooms {
    static final Duration DEFAULT_ROTATION = Duration.ofDays(7);
    static final long DEFAULT_ROTATION_MSGS = 100;

    static final class Room {
        ObjectNode encryption;
        boolean encryptionKnown;
        String historyVisibility = "shared";
        final Map<UserId, String> members = new LinkedHashMap<>();
        boolean membersLoaded;

        long rotationMillis() {
            JsonNode v = encryption == null ? null : encryption.get("rotation_period_ms");
            return v != null && v.canConvertToLong() && v.asLong() > 0 ? v.asLong() : DEFAULT_ROTATION.toMillis();
        }

        long rotationMessages() {
            JsonNode v = encryption == null ? null : encryption.get("rotation_period_msgs");
            return v != null && v.canConvertToLong() && v.asLong() > 0 ? v.asLong() : DEFAULT_ROTATION_MSGS;
        }

        /** Users whose devices get the room key: joined members, and invited ones unless history is "joined" only. */
        Set<UserId> recipients() {
            Set<UserId> out = new LinkedHashSet<>();
            members.forEach((u, m) -> {
                if (m.equals("join") || m.equals("invite") && !"joined".equals(historyVisibility)) {
                    out.add(u);
                }
            });
            return out;
        }
    }

    private final Map<RoomId, Room> rooms = new HashMap<>();
    private final StateChanges changes;

    Rooms(StateChanges changes) {
        this.changes = changes;
    }

    Optional<Room> get(RoomId id) {
        return Optional.ofNullable(rooms.get(id));
    }

    Room room(RoomId id) {
        return rooms.computeIfAbsent(id, k -> new Room());
    }

    Set<RoomId> roomsWith(UserId user) {
        Set<RoomId> out = new LinkedHashSet<>();
        rooms.forEach((id, r) -> {
            if (r.encryption != null && r.recipients().contains(user)) {
                out.add(id);
            }
        });
        return out;
    }

    void save(RoomId id) {
        Room r = rooms.get(id);
        ObjectNode o = Json.object();
        if (r.encryption != null) {
            o.set("encryption", r.encryption);
        }
        o.put("encryption_known", r.encryptionKnown);
        o.put("history_visibility", r.historyVisibility);
        o.put("members_loaded", r.membersLoaded);
        ObjectNode m = o.putObject("members");
        r.members.forEach((u, s) -> m.put(u.value(), s));
        changes.put(StateKind.ROOM, id.value(), Json.bytes(o));
    }

    void load(Map<String, byte[]> stored) throws StateDecodeException {
        for (Map.Entry<String, byte[]> e : stored.entrySet()) {
            ObjectNode o = Json.parseState(e.getValue());
            Room r = new Room();
            r.encryption = o.get("encryption") instanceof ObjectNode enc ? enc : null;
            r.encryptionKnown = o.path("encryption_known").asBoolean(r.encryption != null);
            r.historyVisibility = o.path("history_visibility").asText("shared");
            r.membersLoaded = o.path("members_loaded").asBoolean(false);
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("members").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> m = it.next();
                r.members.put(UserId.of(m.getKey()), m.getValue().asText());
            }
            rooms.put(RoomId.of(e.getKey()), r);
        }
    }
}
