package org.compliancebot.bridge.crypto.megolm;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.compliancebot.bridge.crypto.state.StateDecodeException;
import org.compliancebot.bridge.crypto.state.StateReader;
import org.compliancebot.bridge.crypto.state.StateWriter;
import org.compliancebot.bridge.id.EventId;

/**
 * Megolm replay detection (spec "Message Replays"): remembers which event first used each
 * (session id, message index) and refuses the same index in another event. Decrypting the same
 * event again (a re-sync, a backfill) is allowed.
 *
 * <p>Call {@link #check} after a successful decryption and before acting on the plaintext. Not
 * thread-safe. Persist with {@link #toBytes()} together with the effects of the events it covers.
 */
public final class ReplayGuard {
    private static final String MAGIC = "RPLG";
    private final Map<Key, EventId> seen = new HashMap<>();

    private record Key(String sessionId, long index) {}

    /** What {@link #check} found. */
    public enum Verdict {
        /** First time this index is seen; it is now recorded for this event. */
        FIRST_USE,
        /** The same event was decrypted before; fine. */
        SAME_EVENT,
        /** Another event already used this index: a replay. Do not act on the plaintext. */
        REPLAY
    }

    /** Records or checks the use of {@code index} in {@code sessionId} by {@code eventId}. */
    public Verdict check(String sessionId, long index, EventId eventId) {
        Objects.requireNonNull(eventId, "eventId");
        EventId previous = seen.putIfAbsent(new Key(sessionId, index), eventId);
        if (previous == null) {
            return Verdict.FIRST_USE;
        }
        return previous.equals(eventId) ? Verdict.SAME_EVENT : Verdict.REPLAY;
    }

    /** Number of recorded (session, index) pairs. */
    public int size() {
        return seen.size();
    }

    /** Forgets everything recorded for a session (when the session itself is deleted). */
    public void forgetSession(String sessionId) {
        seen.keySet().removeIf(k -> k.sessionId().equals(sessionId));
    }

    public byte[] toBytes() {
        StateWriter w = new StateWriter(MAGIC, 1).u32(seen.size());
        seen.forEach((k, v) -> w.string(k.sessionId()).u32(k.index()).string(v.value()));
        return w.toBytes();
    }

    public static ReplayGuard fromBytes(byte[] state) throws StateDecodeException {
        StateReader r = new StateReader(state, MAGIC, 1);
        int n = r.count(Integer.MAX_VALUE);
        ReplayGuard guard = new ReplayGuard();
        for (int i = 0; i < n; i++) {
            String session = r.string();
            long index = r.u32();
            String event = r.string();
            try {
                guard.seen.put(new Key(session, index), EventId.of(event));
            } catch (IllegalArgumentException e) {
                throw new StateDecodeException("persisted replay guard holds an invalid event id");
            }
        }
        r.end();
        return guard;
    }

    @Override
    public String toString() {
        return "ReplayGuard[" + seen.size() + " indices]";
    }
}
