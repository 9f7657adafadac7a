package org.compliancebot.bridge.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancebot.bridge.event.MalformedEventException;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@code /sync} answer leniently: a malformed event, room or section is logged and skipped on
 * its own, and everything else is kept. Only a missing {@code next_batch} rejects the whole answer,
 * since without it the position cannot move.
 */
final class SyncParser {
    private static final Logger log = LoggerFactory.getLogger(SyncParser.class);

    /** One joined room's part of the answer. */
    record JoinedRoom(RoomId roomId, List<RoomEvent> timeline, List<RoomEvent> state, boolean limited, String prevBatch) {}

    record Parsed(String nextBatch, List<JoinedRoom> joined, List<SyncBatch.Invite> invites, List<RoomId> left,
                  List<JsonNode> toDevice, List<UserId> changed, List<UserId> leftUsers,
                  Map<String, Integer> otkCounts, List<String> fallbackTypes, int skipped) {}

    static final class BadSyncException extends Exception {
        BadSyncException(String message) {
            super(message);
        }
    }

    private int skipped;
    private final UserId self;

    SyncParser(UserId self) {
        this.self = self;
    }

    Parsed parse(JsonNode root) throws BadSyncException {
        if (root == null || !root.isObject() || !root.path("next_batch").isTextual()) {
            throw new BadSyncException("sync answer has no next_batch");
        }
        skipped = 0;
        List<JoinedRoom> joined = new ArrayList<>();
        forEachField(root.path("rooms").path("join"), (roomKey, room) -> {
            RoomId roomId = RoomId.of(roomKey);
            List<RoomEvent> timeline = events(roomId, room.path("timeline").path("events"));
            List<RoomEvent> state = events(roomId, room.path("state").path("events"));
            JsonNode tl = room.path("timeline");
            joined.add(new JoinedRoom(roomId, timeline, state, tl.path("limited").asBoolean(false),
                    tl.path("prev_batch").isTextual() ? tl.get("prev_batch").asText() : null));
        });
        List<SyncBatch.Invite> invites = new ArrayList<>();
        forEachField(root.path("rooms").path("invite"), (roomKey, room) -> {
            RoomId roomId = RoomId.of(roomKey);
            UserId inviter = null;
            for (JsonNode ev : room.path("invite_state").path("events")) {
                if ("m.room.member".equals(ev.path("type").asText()) && self.value().equals(ev.path("state_key").asText())
                        && "invite".equals(ev.path("content").path("membership").asText())) {
                    inviter = UserId.of(ev.path("sender").asText());
                }
            }
            if (inviter == null) {
                log.warn("Invitation to {} without an invite member event; ignored", roomId);
                skipped++;
            } else {
                invites.add(new SyncBatch.Invite(roomId, inviter));
            }
        });
        List<RoomId> left = new ArrayList<>();
        forEachField(root.path("rooms").path("leave"), (roomKey, room) -> left.add(RoomId.of(roomKey)));

        List<JsonNode> toDevice = new ArrayList<>();
        for (JsonNode ev : root.path("to_device").path("events")) {
            if (ev.isObject() && ev.path("type").isTextual() && ev.path("sender").isTextual()) {
                toDevice.add(ev);
            } else {
                log.warn("Skipping a malformed to-device event");
                skipped++;
            }
        }
        List<UserId> changed = users(root.path("device_lists").path("changed"));
        List<UserId> leftUsers = users(root.path("device_lists").path("left"));
        Map<String, Integer> otk = new LinkedHashMap<>();
        root.path("device_one_time_keys_count").fields().forEachRemaining(e -> {
            if (e.getValue().canConvertToInt()) {
                otk.put(e.getKey(), e.getValue().asInt());
            }
        });
        List<String> fallback = null;
        JsonNode fb = root.get("device_unused_fallback_key_types");
        if (fb != null && fb.isArray()) {
            fallback = new ArrayList<>();
            for (JsonNode t : fb) {
                fallback.add(t.asText());
            }
        }
        return new Parsed(root.get("next_batch").asText(), joined, invites, left, toDevice, changed, leftUsers,
                otk, fallback, skipped);
    }

    private interface FieldVisitor {
        void visit(String key, JsonNode value);
    }

    private void forEachField(JsonNode obj, FieldVisitor visitor) {
        if (!obj.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                visitor.visit(e.getKey(), e.getValue());
            } catch (RuntimeException ex) {
                log.warn("Skipping malformed sync section {}: {}", e.getKey(), ex.getMessage());
                skipped++;
            }
        }
    }

    List<RoomEvent> events(RoomId roomId, JsonNode array) {
        List<RoomEvent> out = new ArrayList<>();
        if (!array.isArray()) {
            return out;
        }
        for (JsonNode ev : array) {
            try {
                out.add(RoomEvent.parse(roomId, ev));
            } catch (MalformedEventException e) {
                log.warn("Skipping a malformed event in {}: {}", roomId, e.getMessage());
                skipped++;
            }
        }
        return out;
    }

    private List<UserId> users(JsonNode array) {
        List<UserId> out = new ArrayList<>();
        for (JsonNode u : array) {
            try {
                out.add(UserId.of(u.asText()));
            } catch (IllegalArgumentException e) {
                skipped++;
            }
        }
        return out;
    }
}
