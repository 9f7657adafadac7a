package org.compliancebot.bridge.crypto.olm;

import java.util.Optional;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.ProtoFields;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/**
 * An Olm pre-key message (spec "Pre-Key Messages"): version byte 0x03 and a body with the
 * recipient's one-time key (tag 0x0A), the sender's base key (0x12) and identity key (0x1A), and
 * an embedded normal message (0x22) that carries its own MAC. Immutable.
 */
public final class PreKeyMessage implements AnyOlmMessage {
    public static final int VERSION = 3;
    private static final int FIELD_ONE_TIME_KEY = 1;
    private static final int FIELD_BASE_KEY = 2;
    private static final int FIELD_IDENTITY_KEY = 3;
    private static final int FIELD_MESSAGE = 4;

    private final byte[] bytes;
    private final Curve25519PublicKey oneTimeKey;
    private final Curve25519PublicKey baseKey;
    private final Curve25519PublicKey identityKey;
    private final OlmMessage message;

    private PreKeyMessage(byte[] bytes, Curve25519PublicKey oneTimeKey, Curve25519PublicKey baseKey,
                          Curve25519PublicKey identityKey, OlmMessage message) {
        this.bytes = bytes;
        this.oneTimeKey = oneTimeKey;
        this.baseKey = baseKey;
        this.identityKey = identityKey;
        this.message = message;
    }

    public static PreKeyMessage fromBase64(String base64) throws OlmDecodeException {
        Optional<byte[]> raw = UnpaddedBase64.decode(base64);
        if (raw.isEmpty()) {
            throw new OlmDecodeException.Base64();
        }
        return decode(raw.get());
    }

    public static PreKeyMessage decode(byte[] raw) throws OlmDecodeException {
        if (raw.length < 1) {
            throw new OlmDecodeException.TooShort(raw.length);
        }
        if ((raw[0] & 0xff) != VERSION) {
            throw new OlmDecodeException.UnsupportedVersion(raw[0] & 0xff);
        }
        ProtoFields fields;
        try {
            fields = ProtoFields.parse(raw, 1, raw.length);
        } catch (ProtoFields.FormatException e) {
            throw new OlmDecodeException.Malformed(e.getMessage());
        }
        byte[] otk = fields.bytes(FIELD_ONE_TIME_KEY);
        byte[] base = fields.bytes(FIELD_BASE_KEY);
        byte[] identity = fields.bytes(FIELD_IDENTITY_KEY);
        byte[] inner = fields.bytes(FIELD_MESSAGE);
        if (otk == null || base == null || identity == null || inner == null) {
            throw new OlmDecodeException.Malformed("one-time key, base key, identity key and message are all required");
        }
        return new PreKeyMessage(raw.clone(), OlmMessage.key(otk, "one-time key"), OlmMessage.key(base, "base key"),
                OlmMessage.key(identity, "identity key"), OlmMessage.decode(inner));
    }

    static PreKeyMessage create(SessionKeys keys, OlmMessage message) {
        byte[] out = new ProtoFields.Writer().raw(VERSION)
                .bytes(FIELD_ONE_TIME_KEY, keys.oneTimeKey().toBytes())
                .bytes(FIELD_BASE_KEY, keys.baseKey().toBytes())
                .bytes(FIELD_IDENTITY_KEY, keys.identityKey().toBytes())
                .bytes(FIELD_MESSAGE, message.raw())
                .toBytes(0);
        return new PreKeyMessage(out, keys.oneTimeKey(), keys.baseKey(), keys.identityKey(), message);
    }

    /** The recipient's one-time (or fallback) key the sender used. */
    public Curve25519PublicKey oneTimeKey() {
        return oneTimeKey;
    }

    public Curve25519PublicKey baseKey() {
        return baseKey;
    }

    /** The sender's Curve25519 identity key. */
    public Curve25519PublicKey identityKey() {
        return identityKey;
    }

    public OlmMessage message() {
        return message;
    }

    /** The keys that identify the session this message starts. */
    public SessionKeys sessionKeys() {
        return new SessionKeys(identityKey, baseKey, oneTimeKey);
    }

    @Override
    public int type() {
        return TYPE_PRE_KEY;
    }

    @Override
    public byte[] toBytes() {
        return bytes.clone();
    }

    @Override
    public String toBase64() {
        return UnpaddedBase64.encode(bytes);
    }

    @Override
    public String toString() {
        return "PreKeyMessage[session=" + sessionKeys().sessionId() + "]";
    }
}
