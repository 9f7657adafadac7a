package org.compliancebot.bridge.crypto.megolm;

import java.security.SecureRandom;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.crypto.primitives.MessageCipher;
import org.compliancebot.bridge.crypto.state.StateDecodeException;
import org.compliancebot.bridge.crypto.state.StateReader;
import org.compliancebot.bridge.crypto.state.StateWriter;

/**
 * Our sending side of a Megolm session. Each {@link #encrypt} uses the current ratchet value and
 * then advances it, so every message has its own index. Share {@link #sessionKey()} with each
 * recipient device over Olm before sending; rotating sessions (by age or message count) is the
 * caller's policy.
 *
 * <p>Not thread-safe. Persist with {@link #toBytes()} after every encrypt: reusing an index after a
 * restart would reuse a key. {@link #toString()} shows no key material.
 */
public final class OutboundGroupSession {
    private static final String MAGIC = "MGOS";
    private final Ed25519KeyPair signingKey;
    private final MegolmRatchet ratchet;

    private OutboundGroupSession(Ed25519KeyPair signingKey, MegolmRatchet ratchet) {
        this.signingKey = signingKey;
        this.ratchet = ratchet;
    }

    /** A new session with a random ratchet at index 0 and a new signing key. */
    public static OutboundGroupSession create(SecureRandom random) {
        byte[] value = new byte[MegolmRatchet.LENGTH];
        random.nextBytes(value);
        return new OutboundGroupSession(Ed25519KeyPair.generate(random), new MegolmRatchet(value, 0));
    }

    /** The session id: unpadded base64 of the session's Ed25519 public key. */
    public String sessionId() {
        return signingKey.publicKey().toBase64();
    }

    /** The index the next message will get. */
    public long messageIndex() {
        return ratchet.index();
    }

    /** Encrypts one message and advances the ratchet. */
    public MegolmMessage encrypt(byte[] plaintext) {
        MessageCipher cipher = MessageCipher.megolm(ratchet.raw());
        MegolmMessage message = MegolmMessage.create(ratchet.index(), cipher.encrypt(plaintext), cipher, signingKey);
        ratchet.advance();
        return message;
    }

    /** The signed session-sharing key at the current index, for {@code m.room_key}. */
    public SessionKey sessionKey() {
        return SessionKey.create(ratchet, signingKey);
    }

    public byte[] toBytes() {
        return new StateWriter(MAGIC, 1).fixed(signingKey.seedBytes()).u32(ratchet.index()).fixed(ratchet.value()).toBytes();
    }

    public static OutboundGroupSession fromBytes(byte[] state) throws StateDecodeException {
        StateReader r = new StateReader(state, MAGIC, 1);
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(r.fixed(32));
        long index = r.u32();
        MegolmRatchet ratchet = new MegolmRatchet(r.fixed(MegolmRatchet.LENGTH), index);
        r.end();
        return new OutboundGroupSession(key, ratchet);
    }

    @Override
    public String toString() {
        return "OutboundGroupSession[session=" + sessionId() + ", index=" + messageIndex() + "]";
    }
}
