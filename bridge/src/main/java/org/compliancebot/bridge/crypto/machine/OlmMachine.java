package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.compliancebot.bridge.crypto.megolm.ExportedSessionKey;
import org.compliancebot.bridge.crypto.megolm.InboundGroupSession;
import org.compliancebot.bridge.crypto.megolm.MegolmDecryptException;
import org.compliancebot.bridge.crypto.olm.IdentityKeys;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.state.StateDecodeException;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * End-to-end encryption for one device, sans I/O: sync data goes in, requests to send come out.
 *
 * <p>Use: feed each sync batch with {@link #receiveSyncChanges} and {@link #receiveRoomEvent} (state and
 * membership), decrypt room events with {@link #decryptRoomEvent}, then send {@link #outgoingRequests()}
 * and report each answer with {@link #markRequestAsSent}. To send into an encrypted room: make sure the
 * members are known ({@link #setRoomMembers}), send {@link #keysQuery()} and {@link #missingSessions},
 * call {@link #shareRoomKey}, send the queued to-device requests, then {@link #encrypt}.
 *
 * <p>Every change is recorded for {@link #takeChanges()}, which the caller persists in the same
 * transaction as the sync position. After a failed transaction, discard the machine and load it again.
 * Not thread-safe. {@link #toString()} shows no key material.
 */
public final class OlmMachine {
    private final MachineContext ctx;
    private final RoomDecryptor decryptor;
    private final ToDeviceHandler toDevice;
    private final RoomKeySharer sharer;
    private final AtomicLong requestIds = new AtomicLong();
    private final boolean fresh;

    private OlmMachine(MachineContext ctx, boolean fresh) {
        this.ctx = ctx;
        this.fresh = fresh;
        this.decryptor = new RoomDecryptor(ctx);
        this.toDevice = new ToDeviceHandler(ctx, decryptor);
        this.sharer = new RoomKeySharer(ctx);
    }

    /** A machine with a new Olm account. */
    public static OlmMachine create(UserId user, DeviceId device, SharingPolicy policy, Clock clock) {
        MachineContext ctx = new MachineContext(user, device, policy, clock);
        ctx.own = OwnDevice.create(user, device, ctx.changes);
        ctx.devices.track(user);
        return new OlmMachine(ctx, true);
    }

    /** A machine from persisted state, by kind and key, as {@link #takeChanges()} produced it. */
    public static OlmMachine load(UserId user, DeviceId device, SharingPolicy policy, Clock clock,
                                  Map<StateKind, Map<String, byte[]>> state) throws StateDecodeException {
        Map<StateKind, Map<String, byte[]>> s = new EnumMap<>(StateKind.class);
        for (StateKind k : StateKind.values()) {
            s.put(k, state.getOrDefault(k, Map.of()));
        }
        byte[] account = s.get(StateKind.ACCOUNT).get("account");
        if (account == null) {
            throw new StateDecodeException("the crypto store holds no Olm account");
        }
        MachineContext ctx = new MachineContext(user, device, policy, clock);
        ctx.own = OwnDevice.load(user, device, account, ctx.changes);
        ctx.devices.load(s.get(StateKind.USER_KEYS));
        ctx.olm.load(s.get(StateKind.OLM_SESSION));
        ctx.inbound.load(s.get(StateKind.INBOUND_GROUP), s.get(StateKind.REPLAY), s.get(StateKind.WITHHELD));
        ctx.outbound.load(s.get(StateKind.OUTBOUND_GROUP));
        ctx.rooms.load(s.get(StateKind.ROOM));
        ctx.pending.load(s.get(StateKind.PENDING_EVENT));
        ctx.toDevice.load(s.get(StateKind.OUTGOING));
        byte[] cs = s.get(StateKind.CROSS_SIGNING).get("own");
        if (cs != null) {
            ctx.crossSigning = OwnCrossSigning.fromBytes(cs);
        }
        ctx.devices.track(user);
        return new OlmMachine(ctx, false);
    }

    /** True for a machine made by {@link #create}, whose account the server has never seen. */
    public boolean isFresh() {
        return fresh;
    }

    public UserId userId() {
        return ctx.user;
    }

    public DeviceId deviceId() {
        return ctx.device;
    }

    public IdentityKeys identityKeys() {
        return ctx.own.identity();
    }

    /** Our signed device keys (with the self-signing key's signature once cross-signing is uploaded). */
    public ObjectNode deviceKeys() {
        return ctx.signedDeviceKeys();
    }

    /** Everything changed since the last call, to persist in the caller's transaction. */
    public StateChanges takeChanges() {
        return ctx.changes.drain();
    }

    // ---- sync input

    /**
     * Applies the crypto parts of a sync batch: key counts, device list changes and to-device events.
     * Room keys that arrive here make waiting events decryptable; collect them with {@link #takeLateDecrypted()}.
     *
     * @param unusedFallbackKeyTypes null when the server did not say
     */
    public void receiveSyncChanges(List<JsonNode> toDeviceEvents, List<UserId> changed, List<UserId> left,
                                   Map<String, Integer> oneTimeKeyCounts, List<String> unusedFallbackKeyTypes) {
        ctx.own.updateCounts(oneTimeKeyCounts, unusedFallbackKeyTypes);
        changed.forEach(ctx.devices::markChanged);
        left.stream().filter(u -> !u.equals(ctx.user)).forEach(ctx.devices::untrack);
        toDeviceEvents.forEach(toDevice::handle);
    }

    /** Takes room state into account: {@code m.room.encryption}, {@code m.room.member}, {@code m.room.history_visibility}. */
    public void receiveRoomEvent(RoomEvent e) {
        if (!e.isState()) {
            return;
        }
        switch (e.type()) {
            case "m.room.encryption" -> {
                if (e.stateKey().isEmpty() && OwnDevice.MEGOLM.equals(Json.text(e.content(), "algorithm"))) {
                    setRoomEncryption(e.roomId(), e.content());
                }
            }
            case "m.room.history_visibility" -> {
                Rooms.Room r = ctx.rooms.room(e.roomId());
                r.historyVisibility = e.content().path("history_visibility").asText("shared");
                ctx.rooms.save(e.roomId());
            }
            case "m.room.member" -> {
                try {
                    membership(e.roomId(), UserId.of(e.stateKey()), e.content().path("membership").asText("leave"));
                } catch (IllegalArgumentException ignored) {
                    // a member event whose state key is not a user id changes nobody
                }
            }
            default -> { }
        }
    }

    private void membership(RoomId roomId, UserId user, String membership) {
        Rooms.Room r = ctx.rooms.room(roomId);
        String old = r.members.put(user, membership);
        boolean wasIn = "join".equals(old) || "invite".equals(old);
        boolean isIn = "join".equals(membership) || "invite".equals(membership);
        if (wasIn && !isIn) {
            ctx.outbound.discard(roomId);
        }
        if (isIn && r.encryption != null) {
            ctx.devices.track(user);
        }
        ctx.rooms.save(roomId);
    }

    /** Sets a room's {@code m.room.encryption} content, or null when it has none. Encryption is never turned off. */
    public void setRoomEncryption(RoomId roomId, ObjectNode content) {
        Rooms.Room r = ctx.rooms.room(roomId);
        if (content != null) {
            r.encryption = content.deepCopy();
            r.members.forEach((u, m) -> {
                if (m.equals("join") || m.equals("invite")) {
                    ctx.devices.track(u);
                }
            });
        }
        r.encryptionKnown = true;
        ctx.rooms.save(roomId);
    }

    /** Sets a room's history visibility ({@code joined} keeps invited members from getting room keys). */
    public void setHistoryVisibility(RoomId roomId, String visibility) {
        ctx.rooms.room(roomId).historyVisibility = visibility;
        ctx.rooms.save(roomId);
    }

    /** The server has no device keys for our device (it was deleted and created again): upload them again. */
    public void markDeviceKeysMissing() {
        ctx.own.markNotUploaded();
    }

    /** Whether the room is encrypted, or empty when its state has not been seen. */
    public Optional<Boolean> isRoomEncrypted(RoomId roomId) {
        return ctx.rooms.get(roomId).filter(r -> r.encryptionKnown || r.encryption != null)
                .map(r -> r.encryption != null);
    }

    public boolean membersLoaded(RoomId roomId) {
        return ctx.rooms.get(roomId).map(r -> r.membersLoaded).orElse(false);
    }

    /** Replaces the member list from the full {@code /members} answer (user to membership). */
    public void setRoomMembers(RoomId roomId, Map<UserId, String> members) {
        Rooms.Room r = ctx.rooms.room(roomId);
        members.forEach((u, m) -> membership(roomId, u, m));
        r.membersLoaded = true;
        ctx.rooms.save(roomId);
    }

    // ---- decryption

    /**
     * Decrypts an {@code m.room.encrypted} room event. When its session is unknown, the event is kept and
     * decrypted once the key arrives (see {@link #takeLateDecrypted()}), and {@code UnknownSession} is thrown.
     */
    public RoomEvent decryptRoomEvent(RoomEvent event) throws RoomDecryptionException {
        return decryptor.decrypt(event);
    }

    /**
     * Decrypts an {@code m.room.encrypted} event read from the room's history (not from sync), with the same
     * checks as {@link #decryptRoomEvent}, using only the sessions held now: an event whose session is unknown
     * is not kept for later, and {@code UnknownSession} is thrown.
     */
    public RoomEvent decryptHistoryEvent(RoomEvent event) throws RoomDecryptionException {
        return decryptor.decrypt(event, false);
    }

    /** Events whose key arrived since the last call, decrypted, in arrival order. */
    public List<RoomEvent> takeLateDecrypted() {
        List<RoomEvent> out = List.copyOf(ctx.lateDecrypted);
        ctx.lateDecrypted.clear();
        return out;
    }

    /** How many encrypted events wait for their room key. */
    public int pendingEventCount() {
        return ctx.pending.size();
    }

    // ---- requests

    private String nextId(String prefix) {
        return prefix + "-" + requestIds.incrementAndGet();
    }

    /** A {@code /keys/query} for the users whose device lists are outdated, if any. */
    public Optional<OutgoingRequest.KeysQuery> keysQuery() {
        Set<UserId> outdated = ctx.devices.outdated();
        if (outdated.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OutgoingRequest.KeysQuery(nextId("query"), List.copyOf(outdated),
                DeviceTracker.queryBody(outdated)));
    }

    /** A {@code /keys/claim} for recipient devices of the room without an Olm session, if any. */
    public Optional<OutgoingRequest.KeysClaim> missingSessions(RoomId room) {
        return sharer.missingSessions(room).map(b -> new OutgoingRequest.KeysClaim(nextId("claim"), b));
    }

    /** Everything to send now: key upload, device queries, signature upload, queued to-device messages. */
    public List<OutgoingRequest> outgoingRequests() {
        List<OutgoingRequest> out = new ArrayList<>();
        ctx.own.uploadBody().ifPresent(b -> out.add(new OutgoingRequest.KeysUpload(nextId("upload"), b)));
        keysQuery().ifPresent(out::add);
        signatureUpload().ifPresent(out::add);
        toDevice.retryWaiting();
        out.addAll(ctx.toDevice.pending());
        return out;
    }

    /** True when to-device messages (room keys, withheld notices) wait to be sent. */
    public boolean hasQueuedToDevice() {
        return !ctx.toDevice.pending().isEmpty();
    }

    /** Applies the server's answer to a request. */
    public void markRequestAsSent(OutgoingRequest request, JsonNode response) {
        switch (request) {
            case OutgoingRequest.KeysUpload u -> ctx.own.uploaded(response);
            case OutgoingRequest.KeysQuery q -> {
                for (UserId lost : ctx.devices.applyQuery(q.users(), response)) {
                    ctx.rooms.roomsWith(lost).forEach(ctx.outbound::discard);
                }
                checkOwnSignature();
            }
            case OutgoingRequest.KeysClaim c -> sharer.claimed(c.body(), response);
            case OutgoingRequest.ToDevice t -> ctx.toDevice.sent(t.id());
            case OutgoingRequest.SignatureUpload s -> {
                if (response.path("failures").isEmpty()) {
                    ctx.crossSigning.deviceSigned = true;
                    ctx.saveCrossSigning();
                }
            }
        }
    }

    /** Re-signs our device when the server's copy lacks our self-signing signature. */
    private void checkOwnSignature() {
        if (ctx.crossSigning == null || !ctx.crossSigning.deviceSigned) {
            return;
        }
        ctx.devices.device(ctx.user, ctx.device).ifPresent(d -> {
            Optional<Ed25519PublicKey> master = ctx.devices.masterKey(ctx.user);
            if (master.isPresent() && master.get().equals(ctx.crossSigning.masterKey()) && !d.crossSigned()) {
                ctx.crossSigning.deviceSigned = false;
                ctx.saveCrossSigning();
            }
        });
    }

    // ---- sending

    /** Starts or keeps the room's Megolm session and queues its key for recipient devices that lack it. */
    public void shareRoomKey(RoomId room) {
        sharer.share(room);
    }

    /** Encrypts an event for the room with the current session ({@link #shareRoomKey} first). */
    public ObjectNode encrypt(RoomId room, String type, JsonNode content) {
        return sharer.encrypt(room, type, content);
    }

    // ---- cross-signing

    /** The body for {@code /keys/device_signing/upload} (without {@code auth}), creating the keys once; empty when uploaded. */
    public Optional<ObjectNode> crossSigningUpload() {
        if (ctx.crossSigning == null) {
            ctx.crossSigning = OwnCrossSigning.create(MachineContext.RANDOM);
            ctx.saveCrossSigning();
        }
        if (ctx.crossSigning.keysUploaded) {
            return Optional.empty();
        }
        return Optional.of(ctx.crossSigning.uploadBody(ctx.user, ctx.device, ctx.own.account::sign));
    }

    /** After the server accepted {@link #crossSigningUpload()}. */
    public void markCrossSigningUploaded() {
        ctx.crossSigning.keysUploaded = true;
        ctx.saveCrossSigning();
    }

    private Optional<OutgoingRequest> signatureUpload() {
        OwnCrossSigning cs = ctx.crossSigning;
        if (cs == null || !cs.keysUploaded || cs.deviceSigned || !ctx.own.deviceKeysUploaded()) {
            return Optional.empty();
        }
        return Optional.of(new OutgoingRequest.SignatureUpload(nextId("signatures"),
                cs.deviceSignatureBody(ctx.user, ctx.device, ctx.own.deviceKeys())));
    }

    /** Our master key (unpadded base64), once created. */
    public Optional<String> ownMasterKey() {
        return Optional.ofNullable(ctx.crossSigning).map(c -> c.masterKey().toBase64());
    }

    /** True once our cross-signing keys are uploaded and our device carries the self-signing signature. */
    public boolean isCrossSigningReady() {
        return ctx.crossSigning != null && ctx.crossSigning.keysUploaded && ctx.crossSigning.deviceSigned;
    }

    /** The keys of another device, when known from a device query. */
    public Optional<DeviceKeys> device(UserId user, DeviceId device) {
        return ctx.devices.device(user, device);
    }

    /** A user's cross-signing master key (unpadded base64), when published and valid. */
    public Optional<String> masterKey(UserId user) {
        return ctx.devices.masterKey(user).map(Ed25519PublicKey::toBase64);
    }

    /**
     * Exports a Megolm session the bot received, so others can decrypt that session's messages from
     * {@code firstIndex} on (from the earliest index the bot holds, when that is later). Empty when the
     * session is unknown, or when {@code senderKey} is given and is not the key the session came from.
     *
     * @param senderKey the sending device's Curve25519 key (unpadded base64), or null/empty not to check it
     */
    public Optional<ExportedSessionKey> exportInboundSession(RoomId room, String sessionId, String senderKey, long firstIndex) {
        Optional<InboundGroupSessions.Entry> entry = ctx.inbound.get(room, sessionId);
        if (entry.isEmpty() || senderKey != null && !senderKey.isEmpty()
                && !entry.get().senderCurve().toBase64().equals(senderKey)) {
            return Optional.empty();
        }
        InboundGroupSession session = entry.get().session();
        try {
            return Optional.of(session.exportAt(Math.max(firstIndex, session.firstKnownIndex())));
        } catch (MegolmDecryptException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "OlmMachine[" + ctx.user + " " + ctx.device + ", " + ctx.olm + ", " + ctx.inbound + "]";
    }
}
