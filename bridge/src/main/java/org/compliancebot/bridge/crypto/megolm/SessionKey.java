package org.compliancebot.bridge.crypto.megolm;

import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/**
 * A Megolm session in the session-sharing format (version 0x02, 229 bytes): index, ratchet,
 * public key and the creator's Ed25519 signature. It is the {@code session_key} of an
 * {@code m.room_key} event. Holds key material: {@link #toString()} shows only the session id.
 */
public final class SessionKey {
    public static final int VERSION = 2;
    private final byte[] bytes;
    private final MegolmRatchet ratchet;
    private final Ed25519PublicKey signingKey;

    private SessionKey(byte[] bytes, MegolmRatchet ratchet, Ed25519PublicKey signingKey) {
        this.bytes = bytes;
        this.ratchet = ratchet;
        this.signingKey = signingKey;
    }

    static SessionKey create(MegolmRatchet ratchet, Ed25519KeyPair signer) {
        byte[] out = SessionKeys.layout(VERSION, ratchet, signer.publicKey(), Ed25519PublicKey.SIGNATURE_LENGTH);
        signer.sign(out, 0, SessionKeys.UNSIGNED_LENGTH, out, SessionKeys.UNSIGNED_LENGTH);
        return new SessionKey(out, ratchet.copy(), signer.publicKey());
    }

    /** Decodes and checks the signature. */
    public static SessionKey fromBase64(String base64) throws SessionKeyDecodeException {
        return decode(SessionKeys.base64(base64));
    }

    /** Decodes raw bytes (copied) and checks the signature. */
    public static SessionKey decode(byte[] raw) throws SessionKeyDecodeException {
        SessionKeys.checkShape(raw, VERSION, SessionKeys.SIGNED_LENGTH);
        Ed25519PublicKey key = SessionKeys.signingKey(raw);
        if (!key.verify(raw, 0, SessionKeys.UNSIGNED_LENGTH, raw, SessionKeys.UNSIGNED_LENGTH)) {
            throw new SessionKeyDecodeException.Signature();
        }
        return new SessionKey(raw.clone(), SessionKeys.ratchet(raw), key);
    }

    MegolmRatchet ratchet() {
        return ratchet;
    }

    public Ed25519PublicKey signingKey() {
        return signingKey;
    }

    /** The session id: the unpadded base64 of the signing key. */
    public String sessionId() {
        return signingKey.toBase64();
    }

    public long messageIndex() {
        return ratchet.index();
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public String toBase64() {
        return UnpaddedBase64.encode(bytes);
    }

    @Override
    public String toString() {
        return "SessionKey[session=" + sessionId() + ", index=" + messageIndex() + "]";
    }
}
