package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.compliancebot.bridge.event.MalformedEventException;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/** One device in a two-machine test: its machine, and the glue steps done in memory. */
final class Party {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong EVENTS = new AtomicLong();
    final UserId user;
    final DeviceId device;
    final InMemoryHomeserver server;
    OlmMachine machine;
    /** Everything persisted so far, as a store would hold it. */
    final Map<StateKind, Map<String, byte[]>> stored = new HashMap<>();

    Party(InMemoryHomeserver server, String user, String device, SharingPolicy policy, Clock clock) {
        this.server = server;
        this.user = UserId.of(user);
        this.device = DeviceId.of(device);
        this.machine = OlmMachine.create(this.user, this.device, policy, clock);
        server.flush(machine);
        persist();
    }

    void persist() {
        machine.takeChanges().items().forEach((k, v) -> {
            Map<String, byte[]> m = stored.computeIfAbsent(k.kind(), x -> new HashMap<>());
            if (v == null) {
                m.remove(k.key());
            } else {
                m.put(k.key(), v);
            }
        });
    }

    Party crossSign() {
        server.uploadCrossSigning(user, machine.crossSigningUpload().orElseThrow());
        machine.markCrossSigningUploaded();
        server.flush(machine);
        persist();
        return this;
    }

    /** One sync: to-device events, device list changes for {@code changed}, the key count. */
    void sync(List<UserId> changed) {
        machine.receiveSyncChanges(server.takeInbox(user, device), changed, List.of(),
                Map.of("signed_curve25519", server.oneTimeKeyCount(user, device)), List.of("signed_curve25519"));
        server.flush(machine);
        persist();
    }

    void state(RoomId room, String type, String stateKey, ObjectNode content) {
        ObjectNode ev = JSON.createObjectNode();
        ev.put("event_id", "$state" + EVENTS.incrementAndGet());
        ev.put("type", type);
        ev.put("state_key", stateKey);
        ev.put("sender", user.value());
        ev.put("origin_server_ts", 1);
        ev.set("content", content);
        machine.receiveRoomEvent(parse(room, ev));
    }

    void encryptedRoom(RoomId room, Map<UserId, String> members) {
        state(room, "m.room.encryption", "", JSON.createObjectNode().put("algorithm", "m.megolm.v1.aes-sha2"));
        machine.setRoomMembers(room, members);
    }

    void member(RoomId room, UserId who, String membership) {
        state(room, "m.room.member", who.value(), JSON.createObjectNode().put("membership", membership));
    }

    /** The glue's send path: query, claim, share, flush to-device, encrypt; returns the event as the room sees it. */
    RoomEvent send(RoomId room, String body) {
        machine.keysQuery().ifPresent(q -> machine.markRequestAsSent(q, server.handle(user, device, q)));
        machine.missingSessions(room).ifPresent(c -> machine.markRequestAsSent(c, server.handle(user, device, c)));
        machine.shareRoomKey(room);
        server.flush(machine);
        ObjectNode content = machine.encrypt(room, "m.room.message", JSON.createObjectNode().put("msgtype", "m.text").put("body", body));
        persist();
        return event(room, content, "$ev" + EVENTS.incrementAndGet());
    }

    RoomEvent event(RoomId room, JsonNode content, String eventId) {
        ObjectNode ev = JSON.createObjectNode();
        ev.put("event_id", eventId);
        ev.put("type", "m.room.encrypted");
        ev.put("sender", user.value());
        ev.put("origin_server_ts", 2);
        ev.set("content", content);
        return parse(room, ev);
    }

    static RoomEvent parse(RoomId room, JsonNode json) {
        try {
            return RoomEvent.parse(room, json);
        } catch (MalformedEventException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Discards the machine and loads it from what was persisted, as after a restart. */
    void restart(SharingPolicy policy, Clock clock) throws Exception {
        persist();
        machine = OlmMachine.load(user, device, policy, clock, stored);
    }
}
