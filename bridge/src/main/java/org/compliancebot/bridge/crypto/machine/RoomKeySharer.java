package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bridge.crypto.json.JsonSigning;
import org.compliancebot.bridge.crypto.megolm.InboundGroupSession;
import org.compliancebot.bridge.crypto.megolm.MegolmMessage;
import org.compliancebot.bridge.crypto.megolm.OutboundGroupSession;
import org.compliancebot.bridge.crypto.olm.SessionCreationException;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our side of room encryption: one Megolm session per room, rotated by the room's rotation period
 * (time or message count) and when a member leaves; its key goes to every device of the recipients
 * the sharing policy allows, over Olm; the others get {@code m.room_key.withheld}.
 */
final class RoomKeySharer {
    private static final Logger log = LoggerFactory.getLogger(RoomKeySharer.class);
    private static final long CLAIM_RETRY_MILLIS = 3_600_000;
    private final MachineContext ctx;

    RoomKeySharer(MachineContext ctx) {
        this.ctx = ctx;
    }

    private boolean allowed(DeviceKeys d) {
        return ctx.policy == SharingPolicy.ALL_DEVICES || d.crossSigned();
    }

    private List<DeviceKeys> recipientDevices(Rooms.Room room) {
        List<DeviceKeys> out = new ArrayList<>();
        for (UserId u : room.recipients()) {
            for (DeviceKeys d : ctx.devices.devices(u)) {
                if (!(u.equals(ctx.user) && d.device().equals(ctx.device))) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    private boolean claimRecentlyFailed(Curve25519PublicKey key) {
        Long at = ctx.claimFailed.get(key);
        return at != null && ctx.clock.millis() - at < CLAIM_RETRY_MILLIS;
    }

    /** The {@code /keys/claim} body for allowed recipient devices we have no Olm session with. */
    Optional<ObjectNode> missingSessions(RoomId roomId) {
        Rooms.Room room = ctx.rooms.get(roomId).orElse(null);
        if (room == null) {
            return Optional.empty();
        }
        ObjectNode keys = Json.object();
        for (DeviceKeys d : recipientDevices(room)) {
            if (allowed(d) && !ctx.olm.hasSession(d.curve25519()) && !claimRecentlyFailed(d.curve25519())) {
                ObjectNode forUser = keys.has(d.user().value()) ? (ObjectNode) keys.get(d.user().value())
                        : keys.putObject(d.user().value());
                forUser.put(d.device().value(), OwnDevice.SIGNED_CURVE);
            }
        }
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode body = Json.object();
        body.set("one_time_keys", keys);
        body.put("timeout", 10_000);
        return Optional.of(body);
    }

    /** Creates Olm sessions from a {@code /keys/claim} answer to {@code request}; keys with bad signatures are skipped. */
    void claimed(ObjectNode request, JsonNode response) {
        for (Iterator<Map.Entry<String, JsonNode>> users = request.path("one_time_keys").fields(); users.hasNext(); ) {
            Map.Entry<String, JsonNode> u = users.next();
            UserId user = UserId.of(u.getKey());
            for (Iterator<String> it = u.getValue().fieldNames(); it.hasNext(); ) {
                DeviceId device = DeviceId.of(it.next());
                Optional<DeviceKeys> keys = ctx.devices.device(user, device);
                JsonNode answer = response.path("one_time_keys").path(user.value()).path(device.value());
                if (keys.isEmpty()) {
                    continue;
                }
                if (!answer.isObject() || answer.isEmpty() || !startSession(keys.get(), answer)) {
                    ctx.claimFailed.put(keys.get().curve25519(), ctx.clock.millis());
                }
            }
        }
    }

    private boolean startSession(DeviceKeys d, JsonNode answer) {
        Map.Entry<String, JsonNode> first = answer.fields().next();
        if (!first.getKey().startsWith(OwnDevice.SIGNED_CURVE + ":") || !(first.getValue() instanceof ObjectNode key)) {
            return false;
        }
        if (!JsonSigning.verify(key, d.user().value(), "ed25519:" + d.device().value(), d.ed25519())) {
            log.warn("The one-time key of {} {} has no valid signature; no session", d.user(), d.device());
            return false;
        }
        Optional<Curve25519PublicKey> otk = Json.curve(Json.text(key, "key"));
        if (otk.isEmpty()) {
            return false;
        }
        try {
            ctx.olm.add(d.curve25519(), ctx.own.account.createOutboundSession(d.curve25519(), otk.get()));
            return true;
        } catch (SessionCreationException e) {
            return false;
        }
    }

    private boolean expired(OutboundGroups.Outbound out, Rooms.Room room) {
        return out.messages >= room.rotationMessages() || ctx.clock.millis() - out.createdAt >= room.rotationMillis();
    }

    /** Makes sure the room has a current session and queues its key for every recipient device that lacks it. */
    void share(RoomId roomId) {
        Rooms.Room room = ctx.rooms.get(roomId).filter(r -> r.encryption != null)
                .orElseThrow(() -> new IllegalStateException(roomId + " is not known as encrypted"));
        OutboundGroups.Outbound out = ctx.outbound.get(roomId).filter(o -> !expired(o, room)).orElse(null);
        int before = out == null ? -1 : out.recipients.size();
        if (out == null) {
            out = new OutboundGroups.Outbound(OutboundGroupSession.create(MachineContext.RANDOM), ctx.clock.millis());
            ctx.outbound.put(roomId, out);
            ctx.inbound.add(new InboundGroupSessions.Entry(roomId, InboundGroupSession.create(out.session.sessionKey()),
                    ctx.own.identity().curve25519(), ctx.own.identity().ed25519(), ctx.user));
        }
        ObjectNode roomKey = Json.object();
        roomKey.put("algorithm", OwnDevice.MEGOLM);
        roomKey.put("room_id", roomId.value());
        roomKey.put("session_id", out.session.sessionId());
        roomKey.put("session_key", out.session.sessionKey().toBase64());
        ObjectNode encrypted = Json.object();
        ObjectNode withheld = Json.object();
        for (DeviceKeys d : recipientDevices(room)) {
            String k = d.user().value() + "|" + d.device().value();
            if (out.recipients.containsKey(k)) {
                continue;
            }
            String code = null;
            if (!allowed(d)) {
                code = "m.unverified";
            } else {
                Optional<ObjectNode> content = ctx.olmEncrypt(d, "m.room_key", roomKey);
                if (content.isPresent()) {
                    put(encrypted, d, content.get());
                    out.recipients.put(k, "shared");
                } else if (claimRecentlyFailed(d.curve25519())) {
                    code = "m.no_olm";
                }
            }
            if (code != null) {
                put(withheld, d, withheldContent(roomId, out.session.sessionId(), code));
                out.recipients.put(k, code);
            }
        }
        if (out.recipients.size() != before) {
            ctx.outbound.save(roomId);
        }
        if (!encrypted.isEmpty()) {
            ctx.toDevice.add("m.room.encrypted", encrypted);
        }
        if (!withheld.isEmpty()) {
            ctx.toDevice.add("m.room_key.withheld", withheld);
        }
    }

    private ObjectNode withheldContent(RoomId room, String sessionId, String code) {
        ObjectNode w = Json.object();
        w.put("algorithm", OwnDevice.MEGOLM);
        w.put("room_id", room.value());
        w.put("session_id", sessionId);
        w.put("sender_key", ctx.own.identity().curve25519().toBase64());
        w.put("code", code);
        w.put("reason", code.equals("m.unverified") ? "The sender does not share keys with devices that are not cross-signed"
                : "No one-time key was available to set up an Olm session");
        return w;
    }

    private static void put(ObjectNode messages, DeviceKeys d, ObjectNode content) {
        ObjectNode forUser = messages.has(d.user().value()) ? (ObjectNode) messages.get(d.user().value())
                : messages.putObject(d.user().value());
        forUser.set(d.device().value(), content);
    }

    /** Encrypts one event with the room's current session; call {@link #share} first. */
    ObjectNode encrypt(RoomId roomId, String type, JsonNode content) {
        Rooms.Room room = ctx.rooms.get(roomId).orElseThrow(() -> new IllegalStateException(roomId + " is unknown"));
        OutboundGroups.Outbound out = ctx.outbound.get(roomId).filter(o -> !expired(o, room))
                .orElseThrow(() -> new IllegalStateException("no current room key for " + roomId + "; share it first"));
        ObjectNode plain = Json.object();
        plain.put("type", type);
        plain.set("content", content);
        plain.put("room_id", roomId.value());
        MegolmMessage m = out.session.encrypt(Json.bytes(plain));
        out.messages++;
        ctx.outbound.save(roomId);
        ObjectNode e = Json.object();
        e.put("algorithm", OwnDevice.MEGOLM);
        e.put("sender_key", ctx.own.identity().curve25519().toBase64());
        e.put("ciphertext", m.toBase64());
        e.put("session_id", out.session.sessionId());
        e.put("device_id", ctx.device.value());
        if (content.has("m.relates_to")) {
            e.set("m.relates_to", content.get("m.relates_to"));
        }
        return e;
    }
}
