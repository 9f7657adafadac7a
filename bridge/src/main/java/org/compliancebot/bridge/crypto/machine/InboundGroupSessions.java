package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bridge.crypto.megolm.InboundGroupSession;
import org.compliancebot.bridge.crypto.megolm.ReplayGuard;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.state.StateDecodeException;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * Megolm sessions we can decrypt with, by room and session id, each with who shared it: the sending
 * device's Curve25519 key (from the Olm envelope) and the Ed25519 key its Olm payload claimed. Also
 * the replay guard and the withheld notices we received.
 */
final class InboundGroupSessions {
    /** A session and its origin. {@code owner} is null for a forwarded key (the original sender is not proven). */
    record Entry(RoomId room, InboundGroupSession session, Curve25519PublicKey senderCurve,
                 Ed25519PublicKey claimedEd25519, UserId owner) {
        @Override
        public String toString() {
            return "InboundEntry[" + room + " " + session.sessionId() + "]";
        }
    }

    private final Map<String, Entry> sessions = new HashMap<>();
    private final Map<String, ObjectNode> withheld = new HashMap<>();
    private final ReplayGuard replay = new ReplayGuard();
    private final StateChanges changes;

    InboundGroupSessions(StateChanges changes) {
        this.changes = changes;
    }

    private static String key(RoomId room, String sessionId) {
        return room.value() + "|" + sessionId;
    }

    Optional<Entry> get(RoomId room, String sessionId) {
        return Optional.ofNullable(sessions.get(key(room, sessionId)));
    }

    /**
     * Adds a session unless one with the same id is known from the same sender and starts at the same
     * or an earlier index. Returns whether it was added.
     */
    boolean add(Entry entry) {
        String k = key(entry.room(), entry.session().sessionId());
        Entry old = sessions.get(k);
        if (old != null) {
            boolean sameSender = old.senderCurve().equals(entry.senderCurve());
            boolean better = entry.session().firstKnownIndex() < old.session().firstKnownIndex();
            boolean upgrade = !old.session().isAuthenticated() && entry.session().isAuthenticated();
            if (!sameSender && old.owner() != null || !(better || upgrade)) {
                return false;
            }
        }
        sessions.put(k, entry);
        save(k, entry);
        withheld.remove(k);
        return true;
    }

    /** Records the first use of an index; see {@link ReplayGuard}. */
    ReplayGuard.Verdict checkReplay(String sessionId, long index, EventId event) {
        ReplayGuard.Verdict v = replay.check(sessionId, index, event);
        if (v == ReplayGuard.Verdict.FIRST_USE) {
            changes.put(StateKind.REPLAY, sessionId + "|" + index, event.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return v;
    }

    void recordWithheld(RoomId room, String sessionId, ObjectNode content) {
        String k = key(room, sessionId);
        if (!sessions.containsKey(k)) {
            withheld.put(k, content);
            changes.put(StateKind.WITHHELD, k, Json.bytes(content));
        }
    }

    Optional<ObjectNode> withheld(RoomId room, String sessionId) {
        return Optional.ofNullable(withheld.get(key(room, sessionId)));
    }

    private void save(String k, Entry e) {
        ObjectNode o = Json.object();
        o.put("room", e.room().value());
        o.put("sender_key", e.senderCurve().toBase64());
        if (e.claimedEd25519() != null) {
            o.put("claimed_ed25519", e.claimedEd25519().toBase64());
        }
        if (e.owner() != null) {
            o.put("owner", e.owner().value());
        }
        o.put("session", Json.base64(e.session().toBytes()));
        changes.put(StateKind.INBOUND_GROUP, k, Json.bytes(o));
    }

    /** Saves the session's ratchet cache after a decryption. */
    void touched(Entry e) {
        save(key(e.room(), e.session().sessionId()), e);
    }

    void load(Map<String, byte[]> stored, Map<String, byte[]> replays, Map<String, byte[]> withheldStored)
            throws StateDecodeException {
        for (Map.Entry<String, byte[]> s : stored.entrySet()) {
            ObjectNode o = Json.parseState(s.getValue());
            Curve25519PublicKey sender = Json.curve(Json.text(o, "sender_key"))
                    .orElseThrow(() -> new StateDecodeException("persisted group session lacks its sender key"));
            String owner = Json.text(o, "owner");
            sessions.put(s.getKey(), new Entry(RoomId.of(Json.text(o, "room")),
                    InboundGroupSession.fromBytes(Json.base64(o, "session")), sender,
                    Json.ed(Json.text(o, "claimed_ed25519")).orElse(null), owner == null ? null : UserId.of(owner)));
        }
        for (Map.Entry<String, byte[]> r : replays.entrySet()) {
            int bar = r.getKey().lastIndexOf('|');
            replay.check(r.getKey().substring(0, bar), Long.parseLong(r.getKey().substring(bar + 1)),
                    EventId.of(new String(r.getValue(), java.nio.charset.StandardCharsets.UTF_8)));
        }
        for (Map.Entry<String, byte[]> w : withheldStored.entrySet()) {
            withheld.put(w.getKey(), Json.parseState(w.getValue()));
        }
    }

    @Override
    public String toString() {
        return "InboundGroupSessions[" + sessions.size() + " sessions]";
    }
}
