package org.compliancebot.bridge.crypto.megolm;

import java.util.Optional;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.KeyDecodeException;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/** Shared layout of the Megolm session-sharing (v2) and session-export (v1) formats. */
final class SessionKeys {
    static final int UNSIGNED_LENGTH = 1 + 4 + MegolmRatchet.LENGTH + Ed25519PublicKey.LENGTH;
    static final int SIGNED_LENGTH = UNSIGNED_LENGTH + Ed25519PublicKey.SIGNATURE_LENGTH;
    private static final int RATCHET_AT = 5;
    private static final int KEY_AT = RATCHET_AT + MegolmRatchet.LENGTH;

    private SessionKeys() {}

    static byte[] base64(String text) throws SessionKeyDecodeException {
        Optional<byte[]> raw = UnpaddedBase64.decode(text);
        if (raw.isEmpty()) {
            throw new SessionKeyDecodeException.Base64();
        }
        return raw.get();
    }

    static byte[] layout(int version, MegolmRatchet ratchet, Ed25519PublicKey key, int extra) {
        byte[] out = new byte[UNSIGNED_LENGTH + extra];
        out[0] = (byte) version;
        long i = ratchet.index();
        out[1] = (byte) (i >>> 24);
        out[2] = (byte) (i >>> 16);
        out[3] = (byte) (i >>> 8);
        out[4] = (byte) i;
        System.arraycopy(ratchet.raw(), 0, out, RATCHET_AT, MegolmRatchet.LENGTH);
        byte[] pub = key.toBytes();
        System.arraycopy(pub, 0, out, KEY_AT, Ed25519PublicKey.LENGTH);
        return out;
    }

    static void checkShape(byte[] raw, int version, int length) throws SessionKeyDecodeException {
        if (raw.length != length) {
            throw new SessionKeyDecodeException.WrongLength(length, raw.length);
        }
        if ((raw[0] & 0xff) != version) {
            throw new SessionKeyDecodeException.UnsupportedVersion(version, raw[0] & 0xff);
        }
    }

    static MegolmRatchet ratchet(byte[] raw) {
        long index = ((raw[1] & 0xffL) << 24) | ((raw[2] & 0xffL) << 16) | ((raw[3] & 0xffL) << 8) | (raw[4] & 0xffL);
        byte[] value = new byte[MegolmRatchet.LENGTH];
        System.arraycopy(raw, RATCHET_AT, value, 0, MegolmRatchet.LENGTH);
        return new MegolmRatchet(value, index);
    }

    static Ed25519PublicKey signingKey(byte[] raw) throws SessionKeyDecodeException {
        try {
            return Ed25519PublicKey.fromBytes(raw, KEY_AT);
        } catch (KeyDecodeException e) {
            throw new SessionKeyDecodeException.InvalidKey();
        }
    }
}
