package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bridge.crypto.megolm.ExportedSessionKey;
import org.compliancebot.bridge.crypto.megolm.InboundGroupSession;
import org.compliancebot.bridge.crypto.megolm.SessionKey;
import org.compliancebot.bridge.crypto.megolm.SessionKeyDecodeException;
import org.compliancebot.bridge.crypto.olm.OlmDecodeException;
import org.compliancebot.bridge.crypto.olm.OlmEnvelope;
import org.compliancebot.bridge.crypto.olm.OlmPayload;
import org.compliancebot.bridge.crypto.olm.OlmPayloadException;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles to-device events: decrypts Olm, checks the payload, and acts on room keys, forwarded keys
 * (only ones we asked our own cross-signed devices for), key requests (answered only for our own
 * cross-signed devices) and withheld notices. A bad event is logged and dropped.
 */
final class ToDeviceHandler {
    private static final Logger log = LoggerFactory.getLogger(ToDeviceHandler.class);
    private final MachineContext ctx;
    private final RoomDecryptor decryptor;
    /** Our room key requests to our own devices: "room|session" to request id. */
    final Map<String, String> ourRequests = new HashMap<>();
    /** Key requests from our own devices that wait for an Olm session with them. */
    final List<ObjectNode> waitingRequests = new ArrayList<>();

    ToDeviceHandler(MachineContext ctx, RoomDecryptor decryptor) {
        this.ctx = ctx;
        this.decryptor = decryptor;
    }

    void handle(JsonNode event) {
        String type = Json.text(event, "type");
        UserId sender;
        try {
            sender = UserId.of(Json.text(event, "sender"));
        } catch (RuntimeException e) {
            return;
        }
        if (!(event.get("content") instanceof ObjectNode content)) {
            return;
        }
        switch (type) {
            case "m.room.encrypted" -> decrypt(sender, content);
            case "m.room_key.withheld" -> withheld(content);
            case "m.room_key_request" -> keyRequest(sender, content);
            default -> { }
        }
    }

    private void decrypt(UserId sender, ObjectNode content) {
        try {
            OlmEnvelope envelope = OlmEnvelope.fromJson(content);
            Optional<OlmEnvelope.Ciphertext> mine = envelope.forDevice(ctx.own.identity().curve25519());
            if (mine.isEmpty()) {
                return;
            }
            byte[] plaintext = ctx.olm.decrypt(ctx.own.account, envelope.senderKey(), mine.get().decode(), ctx.own::save);
            ctx.devices.track(sender);
            Curve25519PublicKey senderKey = envelope.senderKey();
            Optional<DeviceKeys> device = ctx.devices.deviceByCurve(sender, senderKey);
            OlmPayload payload = OlmPayload.parse(plaintext, sender, ctx.user, ctx.own.identity().ed25519(),
                    device.map(DeviceKeys::ed25519).orElse(null));
            switch (payload.type()) {
                case "m.room_key" -> roomKey(sender, senderKey, payload.senderEd25519(), payload.content());
                case "m.forwarded_room_key" -> forwardedKey(sender, senderKey, device, payload.content());
                case "m.room_key.withheld" -> withheld(payload.content());
                case "m.room_key_request" -> keyRequest(sender, payload.content());
                default -> { }
            }
        } catch (OlmPayloadException | OlmDecodeException | OlmSessions.Failure e) {
            log.warn("Dropped an encrypted to-device event from {}: {}", sender, e.getMessage());
        }
    }

    private void roomKey(UserId sender, Curve25519PublicKey senderKey, Ed25519PublicKey claimed, ObjectNode c) {
        if (!OwnDevice.MEGOLM.equals(Json.text(c, "algorithm"))) {
            return;
        }
        try {
            RoomId room = RoomId.of(Json.text(c, "room_id"));
            SessionKey key = SessionKey.fromBase64(Json.text(c, "session_key"));
            if (!key.sessionId().equals(Json.text(c, "session_id"))) {
                log.warn("Dropped a room key from {}: session_id does not match the key", sender);
                return;
            }
            var entry = new InboundGroupSessions.Entry(room, InboundGroupSession.create(key), senderKey, claimed, sender);
            if (ctx.inbound.add(entry)) {
                decryptor.retryPending(room, key.sessionId());
            }
        } catch (SessionKeyDecodeException | RuntimeException e) {
            log.warn("Dropped a malformed room key from {}: {}", sender, e.getMessage());
        }
    }

    private void forwardedKey(UserId sender, Curve25519PublicKey senderKey, Optional<DeviceKeys> device, ObjectNode c) {
        String roomText = Json.text(c, "room_id");
        String sessionId = Json.text(c, "session_id");
        String request = ourRequests.get(roomText + "|" + sessionId);
        if (!sender.equals(ctx.user) || device.isEmpty() || !device.get().crossSigned() || request == null) {
            log.warn("Ignored a forwarded room key from {}: not asked for, or not from our own cross-signed device", sender);
            return;
        }
        try {
            RoomId room = RoomId.of(roomText);
            ExportedSessionKey key = ExportedSessionKey.fromBase64(Json.text(c, "session_key"));
            Curve25519PublicKey original = Json.curve(Json.text(c, "sender_key")).orElseThrow();
            Ed25519PublicKey claimed = Json.ed(Json.text(c, "sender_claimed_ed25519_key")).orElse(null);
            if (!key.sessionId().equals(sessionId)) {
                return;
            }
            ourRequests.remove(roomText + "|" + sessionId);
            if (ctx.inbound.add(new InboundGroupSessions.Entry(room, InboundGroupSession.importSession(key), original,
                    claimed, null))) {
                decryptor.retryPending(room, sessionId);
            }
        } catch (SessionKeyDecodeException | RuntimeException e) {
            log.warn("Dropped a malformed forwarded room key: {}", e.getMessage());
        }
    }

    private void withheld(ObjectNode c) {
        try {
            ctx.inbound.recordWithheld(RoomId.of(Json.text(c, "room_id")), Json.text(c, "session_id"), c);
        } catch (RuntimeException e) {
            // A withheld notice without a room or session says nothing we can keep.
        }
    }

    private void keyRequest(UserId sender, ObjectNode c) {
        if (!"request".equals(Json.text(c, "action")) || !sender.equals(ctx.user)) {
            return;
        }
        String requester = Json.text(c, "requesting_device_id");
        if (requester == null || requester.equals(ctx.device.value())) {
            return;
        }
        Optional<DeviceKeys> device = ctx.devices.device(ctx.user, DeviceId.of(requester));
        if (device.isEmpty() || !device.get().crossSigned()) {
            log.info("Ignored a room key request from our device {}: it is not cross-signed", requester);
            return;
        }
        if (!answer(device.get(), c)) {
            waitingRequests.add(c);
        }
    }

    /** Answers a request from our own device; false when there is no Olm session with it yet. */
    boolean answer(DeviceKeys device, ObjectNode request) {
        JsonNode body = request.path("body");
        RoomId room;
        try {
            room = RoomId.of(Json.text(body, "room_id"));
        } catch (RuntimeException e) {
            return true;
        }
        var entry = ctx.inbound.get(room, Json.text(body, "session_id"));
        if (entry.isEmpty()) {
            return true;
        }
        ObjectNode fwd = Json.object();
        fwd.put("algorithm", OwnDevice.MEGOLM);
        fwd.put("room_id", room.value());
        fwd.put("sender_key", entry.get().senderCurve().toBase64());
        fwd.put("session_id", entry.get().session().sessionId());
        fwd.put("session_key", entry.get().session().exportAtFirstKnownIndex().toBase64());
        if (entry.get().claimedEd25519() != null) {
            fwd.put("sender_claimed_ed25519_key", entry.get().claimedEd25519().toBase64());
        }
        fwd.putArray("forwarding_curve25519_key_chain");
        Optional<ObjectNode> encrypted = ctx.olmEncrypt(device, "m.forwarded_room_key", fwd);
        if (encrypted.isEmpty()) {
            return false;
        }
        ObjectNode messages = Json.object();
        messages.putObject(ctx.user.value()).set(device.device().value(), encrypted.get());
        ctx.toDevice.add("m.room.encrypted", messages);
        return true;
    }

    /** Answers waiting requests whose Olm session now exists. */
    void retryWaiting() {
        waitingRequests.removeIf(r -> ctx.devices.device(ctx.user, DeviceId.of(Json.text(r, "requesting_device_id")))
                .map(d -> answer(d, r)).orElse(true));
    }
}
