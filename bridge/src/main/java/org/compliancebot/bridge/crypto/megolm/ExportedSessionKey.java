package org.compliancebot.bridge.crypto.megolm;

import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/**
 * A Megolm session in the session-export format (version 0x01, 165 bytes, unsigned): the
 * {@code session_key} of {@code m.forwarded_room_key}, of key backups and of evidence exports.
 * Holds key material: {@link #toString()} shows only the session id.
 */
public final class ExportedSessionKey {
    public static final int VERSION = 1;
    private final byte[] bytes;
    private final MegolmRatchet ratchet;
    private final Ed25519PublicKey signingKey;

    private ExportedSessionKey(byte[] bytes, MegolmRatchet ratchet, Ed25519PublicKey signingKey) {
        this.bytes = bytes;
        this.ratchet = ratchet;
        this.signingKey = signingKey;
    }

    static ExportedSessionKey create(MegolmRatchet ratchet, Ed25519PublicKey key) {
        return new ExportedSessionKey(SessionKeys.layout(VERSION, ratchet, key, 0), ratchet.copy(), key);
    }

    public static ExportedSessionKey fromBase64(String base64) throws SessionKeyDecodeException {
        return decode(SessionKeys.base64(base64));
    }

    public static ExportedSessionKey decode(byte[] raw) throws SessionKeyDecodeException {
        SessionKeys.checkShape(raw, VERSION, SessionKeys.UNSIGNED_LENGTH);
        return new ExportedSessionKey(raw.clone(), SessionKeys.ratchet(raw), SessionKeys.signingKey(raw));
    }

    MegolmRatchet ratchet() {
        return ratchet;
    }

    public Ed25519PublicKey signingKey() {
        return signingKey;
    }

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
        return "ExportedSessionKey[session=" + sessionId() + ", index=" + messageIndex() + "]";
    }
}
