package org.compliancebot.bridge.crypto.megolm;

import java.util.Optional;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.KeyDecodeException;
import org.compliancebot.bridge.crypto.primitives.MessageCipher;
import org.compliancebot.bridge.crypto.state.StateDecodeException;
import org.compliancebot.bridge.crypto.state.StateReader;
import org.compliancebot.bridge.crypto.state.StateWriter;

/**
 * A receiving Megolm session: the earliest ratchet state we know plus the sender's signing key.
 * It decrypts any message whose index is at or after {@link #firstKnownIndex()}.
 *
 * <p>{@link #isAuthenticated()} is true when the session came from the creator-signed sharing
 * format ({@code m.room_key} over Olm) and false when imported from the unsigned export format
 * ({@code m.forwarded_room_key}, backup); callers should mark messages from the latter as of
 * unverified origin unless they trust the forwarder.
 *
 * <p>Not thread-safe: it caches the most recent ratchet position to make in-order decryption cheap.
 * {@link #toString()} shows no key material.
 */
public final class InboundGroupSession {
    private static final String MAGIC = "MGIS";
    private final Ed25519PublicKey signingKey;
    private final boolean authenticated;
    private final MegolmRatchet initial;
    private MegolmRatchet latest;

    private InboundGroupSession(Ed25519PublicKey signingKey, boolean authenticated, MegolmRatchet initial) {
        this.signingKey = signingKey;
        this.authenticated = authenticated;
        this.initial = initial;
        this.latest = initial.copy();
    }

    /** From the signed sharing format (already verified by {@link SessionKey#decode}). */
    public static InboundGroupSession create(SessionKey key) {
        return new InboundGroupSession(key.signingKey(), true, key.ratchet().copy());
    }

    /** From the unsigned export format. */
    public static InboundGroupSession importSession(ExportedSessionKey key) {
        return new InboundGroupSession(key.signingKey(), false, key.ratchet().copy());
    }

    public String sessionId() {
        return signingKey.toBase64();
    }

    public Ed25519PublicKey signingKey() {
        return signingKey;
    }

    public boolean isAuthenticated() {
        return authenticated;
    }

    public long firstKnownIndex() {
        return initial.index();
    }

    /**
     * Decrypts a message: checks the signature, finds the ratchet for its index, checks the MAC,
     * then decrypts. The session is unchanged by a failed decryption.
     */
    public DecryptedGroupMessage decrypt(MegolmMessage message) throws MegolmDecryptException {
        byte[] raw = message.raw();
        int sigAt = message.signatureOffset();
        if (!signingKey.verify(raw, 0, sigAt, raw, sigAt)) {
            throw new MegolmDecryptException.Signature();
        }
        long index = message.messageIndex();
        MegolmRatchet ratchet = ratchetAt(index);
        MessageCipher cipher = MessageCipher.megolm(ratchet.raw());
        if (!cipher.verifyMac(raw, message.macOffset())) {
            throw new MegolmDecryptException.Mac();
        }
        Optional<byte[]> plaintext = cipher.decrypt(message.ciphertext());
        if (plaintext.isEmpty()) {
            throw new MegolmDecryptException.Padding();
        }
        latest = ratchet;
        return new DecryptedGroupMessage(plaintext.get(), index);
    }

    /** A fresh ratchet at {@code index}, from the cached position when it is not past it. */
    private MegolmRatchet ratchetAt(long index) throws MegolmDecryptException {
        if (index < initial.index()) {
            throw new MegolmDecryptException.UnknownMessageIndex(initial.index(), index);
        }
        MegolmRatchet start = latest.index() <= index ? latest : initial;
        if (start.index() == index) {
            return start;
        }
        MegolmRatchet r = start.copy();
        r.advanceTo(index);
        return r;
    }

    /** Exports the session at {@code index} (at or after the first known index), for forwarding. */
    public ExportedSessionKey exportAt(long index) throws MegolmDecryptException {
        return ExportedSessionKey.create(ratchetAt(index), signingKey);
    }

    public ExportedSessionKey exportAtFirstKnownIndex() {
        return ExportedSessionKey.create(initial, signingKey);
    }

    public byte[] toBytes() {
        return new StateWriter(MAGIC, 1).fixed(signingKey.toBytes()).bool(authenticated)
                .u32(initial.index()).fixed(initial.value())
                .u32(latest.index()).fixed(latest.value()).toBytes();
    }

    public static InboundGroupSession fromBytes(byte[] state) throws StateDecodeException {
        StateReader r = new StateReader(state, MAGIC, 1);
        Ed25519PublicKey key;
        try {
            key = Ed25519PublicKey.fromBytes(r.fixed(32));
        } catch (KeyDecodeException e) {
            throw new StateDecodeException("persisted inbound group session has an invalid signing key");
        }
        boolean authenticated = r.bool();
        long firstIndex = r.u32();
        MegolmRatchet initial = new MegolmRatchet(r.fixed(MegolmRatchet.LENGTH), firstIndex);
        long latestIndex = r.u32();
        MegolmRatchet latest = new MegolmRatchet(r.fixed(MegolmRatchet.LENGTH), latestIndex);
        r.end();
        if (latestIndex < firstIndex) {
            throw new StateDecodeException("persisted inbound group session is corrupt: cache before start");
        }
        InboundGroupSession session = new InboundGroupSession(key, authenticated, initial);
        session.latest = latest;
        return session;
    }

    @Override
    public String toString() {
        return "InboundGroupSession[session=" + sessionId() + ", firstKnownIndex=" + firstKnownIndex()
                + ", authenticated=" + authenticated + "]";
    }
}
