package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bridge.crypto.olm.Account;
import org.compliancebot.bridge.crypto.olm.AnyOlmMessage;
import org.compliancebot.bridge.crypto.olm.InboundSessionResult;
import org.compliancebot.bridge.crypto.olm.OlmDecryptException;
import org.compliancebot.bridge.crypto.olm.OlmMessage;
import org.compliancebot.bridge.crypto.olm.PreKeyMessage;
import org.compliancebot.bridge.crypto.olm.Session;
import org.compliancebot.bridge.crypto.olm.SessionCreationException;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.state.StateDecodeException;

/**
 * Our Olm sessions, by the peer device's Curve25519 key. Decryption tries the sessions of the sender
 * and creates a new inbound session from a pre-key message that matches none; encryption uses the
 * session used most recently. At most {@value #MAX_PER_DEVICE} sessions are kept per device.
 */
final class OlmSessions {
    static final int MAX_PER_DEVICE = 10;

    private static final class Entry {
        final Curve25519PublicKey peer;
        final Session session;
        long lastUsed;

        Entry(Curve25519PublicKey peer, Session session, long lastUsed) {
            this.peer = peer;
            this.session = session;
            this.lastUsed = lastUsed;
        }
    }

    /** The message did not decrypt with any session, nor start a new one. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<Curve25519PublicKey, List<Entry>> byPeer = new HashMap<>();
    private final StateChanges changes;
    private long clock;

    OlmSessions(StateChanges changes) {
        this.changes = changes;
    }

    boolean hasSession(Curve25519PublicKey peer) {
        return !byPeer.getOrDefault(peer, List.of()).isEmpty();
    }

    /** Decrypts a to-device Olm message from {@code sender}; the account is changed when a one-time key is used. */
    byte[] decrypt(Account account, Curve25519PublicKey sender, AnyOlmMessage message, Runnable accountChanged)
            throws Failure {
        List<Entry> entries = byPeer.getOrDefault(sender, List.of());
        if (message instanceof PreKeyMessage pre) {
            for (Entry e : entries) {
                if (e.session.matchesInboundSessionFrom(sender, pre)) {
                    return decryptWith(e, message);
                }
            }
            try {
                InboundSessionResult r = account.createInboundSession(pre, sender);
                accountChanged.run();
                add(sender, r.session());
                return r.plaintext();
            } catch (SessionCreationException ex) {
                throw new Failure("no Olm session could be created from the pre-key message: " + ex.getMessage());
            }
        }
        OlmMessage normal = (OlmMessage) message;
        for (Entry e : entries) {
            try {
                return decryptWith(e, normal);
            } catch (Failure ignored) {
                // try the next session
            }
        }
        throw new Failure("no Olm session with this device decrypts the message (" + entries.size() + " tried)");
    }

    private byte[] decryptWith(Entry e, AnyOlmMessage message) throws Failure {
        try {
            byte[] plaintext = e.session.decrypt(message);
            e.lastUsed = ++clock;
            save(e);
            return plaintext;
        } catch (OlmDecryptException ex) {
            throw new Failure(ex.getMessage());
        }
    }

    void add(Curve25519PublicKey peer, Session session) {
        List<Entry> entries = byPeer.computeIfAbsent(peer, k -> new ArrayList<>());
        Entry e = new Entry(peer, session, ++clock);
        entries.add(e);
        save(e);
        entries.sort(Comparator.comparingLong((Entry x) -> x.lastUsed).reversed());
        while (entries.size() > MAX_PER_DEVICE) {
            Entry dropped = entries.remove(entries.size() - 1);
            changes.delete(StateKind.OLM_SESSION, key(dropped));
        }
    }

    /** Encrypts with the most recently used session to {@code peer}, if there is one. */
    Optional<AnyOlmMessage> encrypt(Curve25519PublicKey peer, byte[] plaintext) {
        Optional<Entry> best = byPeer.getOrDefault(peer, List.of()).stream()
                .max(Comparator.comparingLong(x -> x.lastUsed));
        if (best.isEmpty()) {
            return Optional.empty();
        }
        AnyOlmMessage m = best.get().session.encrypt(plaintext);
        best.get().lastUsed = ++clock;
        save(best.get());
        return Optional.of(m);
    }

    private static String key(Entry e) {
        return e.peer.toBase64() + "|" + e.session.sessionId();
    }

    private void save(Entry e) {
        ObjectNode o = Json.object();
        o.put("peer", e.peer.toBase64());
        o.put("last_used", e.lastUsed);
        o.put("session", Json.base64(e.session.toBytes()));
        changes.put(StateKind.OLM_SESSION, key(e), Json.bytes(o));
    }

    void load(Map<String, byte[]> stored) throws StateDecodeException {
        for (byte[] value : stored.values()) {
            ObjectNode o = Json.parseState(value);
            Curve25519PublicKey peer = Json.curve(Json.text(o, "peer"))
                    .orElseThrow(() -> new StateDecodeException("persisted Olm session lacks its peer key"));
            Entry e = new Entry(peer, Session.fromBytes(Json.base64(o, "session")), o.path("last_used").asLong());
            byPeer.computeIfAbsent(peer, k -> new ArrayList<>()).add(e);
            clock = Math.max(clock, e.lastUsed);
        }
    }

    @Override
    public String toString() {
        return "OlmSessions[" + byPeer.size() + " devices]";
    }
}
