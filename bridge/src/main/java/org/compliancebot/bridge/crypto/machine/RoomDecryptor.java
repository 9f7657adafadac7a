package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.compliancebot.bridge.crypto.megolm.DecryptedGroupMessage;
import org.compliancebot.bridge.crypto.megolm.MegolmDecodeException;
import org.compliancebot.bridge.crypto.megolm.MegolmDecryptException;
import org.compliancebot.bridge.crypto.megolm.MegolmMessage;
import org.compliancebot.bridge.crypto.megolm.ReplayGuard;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.event.EncryptionInfo;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decrypts {@code m.room.encrypted} room events (Megolm). Order: find the session, check the sender
 * matches the session's owner and {@code sender_key}, decrypt (signature, index, MAC), refuse a
 * replayed index, check the plaintext's {@code room_id}, and check the session's claimed Ed25519 key
 * against the sending device's keys. An event without a known session is kept until its key comes.
 */
final class RoomDecryptor {
    private static final Logger log = LoggerFactory.getLogger(RoomDecryptor.class);
    private final MachineContext ctx;

    RoomDecryptor(MachineContext ctx) {
        this.ctx = ctx;
    }

    RoomEvent decrypt(RoomEvent event) throws RoomDecryptionException {
        return decrypt(event, true);
    }

    /**
     * @param keepIfUnknown keep an event whose session is unknown until its key arrives (sync); false for events
     *     read from history, which are only decrypted with the sessions held now
     */
    RoomEvent decrypt(RoomEvent event, boolean keepIfUnknown) throws RoomDecryptionException {
        ObjectNode c = event.content();
        if (!OwnDevice.MEGOLM.equals(Json.text(c, "algorithm"))) {
            throw new RoomDecryptionException.Undecryptable("unsupported algorithm " + Json.text(c, "algorithm"));
        }
        String sessionId = Json.text(c, "session_id");
        if (sessionId == null || Json.text(c, "ciphertext") == null) {
            throw new RoomDecryptionException.Undecryptable("session_id and ciphertext are required");
        }
        Optional<InboundGroupSessions.Entry> entry = ctx.inbound.get(event.roomId(), sessionId);
        if (entry.isEmpty()) {
            if (keepIfUnknown) {
                ctx.pending.add(sessionId, event);
                ctx.devices.track(event.sender());
            }
            String code = ctx.inbound.withheld(event.roomId(), sessionId).map(w -> Json.text(w, "code")).orElse(null);
            throw new RoomDecryptionException.UnknownSession(sessionId, code);
        }
        return decryptWith(entry.get(), event);
    }

    private RoomEvent decryptWith(InboundGroupSessions.Entry entry, RoomEvent event) throws RoomDecryptionException {
        ObjectNode c = event.content();
        String senderKey = Json.text(c, "sender_key");
        if (senderKey != null && !senderKey.equals(entry.senderCurve().toBase64())) {
            throw new RoomDecryptionException.Refused("sender_key differs from the key that shared the session");
        }
        if (entry.owner() != null && !entry.owner().equals(event.sender())) {
            throw new RoomDecryptionException.Refused("the session was shared by " + entry.owner() + ", not by the sender "
                    + event.sender());
        }
        DecryptedGroupMessage plain;
        try {
            plain = entry.session().decrypt(MegolmMessage.fromBase64(Json.text(c, "ciphertext")));
        } catch (MegolmDecodeException | MegolmDecryptException e) {
            throw new RoomDecryptionException.Undecryptable(e.getMessage());
        }
        ctx.inbound.touched(entry);
        if (ctx.inbound.checkReplay(entry.session().sessionId(), plain.messageIndex(), event.eventId())
                == ReplayGuard.Verdict.REPLAY) {
            throw new RoomDecryptionException.Refused("message index " + plain.messageIndex()
                    + " was already used by another event (replay)");
        }
        ObjectNode payload = Json.parseObject(plain.plaintext())
                .orElseThrow(() -> new RoomDecryptionException.Undecryptable("the plaintext is not a JSON object"));
        String type = Json.text(payload, "type");
        if (type == null || !(payload.get("content") instanceof ObjectNode content)) {
            throw new RoomDecryptionException.Undecryptable("the plaintext lacks type or content");
        }
        if (!event.roomId().value().equals(Json.text(payload, "room_id"))) {
            throw new RoomDecryptionException.Refused("the plaintext names another room");
        }
        JsonNode relation = c.get("m.relates_to");
        // Clients that send the relation only in the clear part still mean it for the content.
        boolean copied = relation != null && !content.has("m.relates_to");
        if (copied) {
            content.set("m.relates_to", relation);
        }
        return event.decrypted(type, content, info(entry, event, plain.messageIndex(), copied));
    }

    private EncryptionInfo info(InboundGroupSessions.Entry entry, RoomEvent event, long index, boolean relationCopied)
            throws RoomDecryptionException {
        Curve25519PublicKey curve = entry.senderCurve();
        Optional<DeviceKeys> device = ctx.devices.deviceByCurve(event.sender(), curve);
        boolean crossSigned = device.map(DeviceKeys::crossSigned).orElse(false);
        Optional<DeviceId> deviceId = device.map(DeviceKeys::device);
        String ed = entry.claimedEd25519() == null ? null : entry.claimedEd25519().toBase64();
        if (device.isPresent()) {
            if (entry.claimedEd25519() != null && !device.get().ed25519().equals(entry.claimedEd25519())) {
                throw new RoomDecryptionException.Refused("the room key claims an Ed25519 key that is not the device's");
            }
            ed = device.get().ed25519().toBase64();
        } else if (event.sender().equals(ctx.user) && curve.equals(ctx.own.identity().curve25519())) {
            deviceId = Optional.of(ctx.device);
            ed = ctx.own.identity().ed25519().toBase64();
            crossSigned = ctx.crossSigning != null && ctx.crossSigning.deviceSigned;
        }
        Optional<String> master = event.sender().equals(ctx.user) && ctx.crossSigning != null
                ? Optional.of(ctx.crossSigning.masterKey().toBase64())
                : ctx.devices.masterKey(event.sender()).map(k -> k.toBase64());
        return new EncryptionInfo(event.sender(), deviceId, curve.toBase64(), ed, master, crossSigned,
                entry.session().sessionId(), index, entry.session().isAuthenticated(), relationCopied);
    }

    /** Decrypts the events that waited for this session; the results go to {@link MachineContext#lateDecrypted}. */
    void retryPending(org.compliancebot.bridge.id.RoomId room, String sessionId) {
        for (RoomEvent e : ctx.pending.take(room, sessionId)) {
            try {
                ctx.lateDecrypted.add(decryptWith(ctx.inbound.get(room, sessionId).orElseThrow(), e));
            } catch (RoomDecryptionException ex) {
                log.warn("Event {} in {} could not be decrypted after its key arrived: {}", e.eventId(), room, ex.getMessage());
            }
        }
    }
}
