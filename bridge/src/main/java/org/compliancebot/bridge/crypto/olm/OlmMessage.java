package org.compliancebot.bridge.crypto.olm;

import java.util.Optional;
import org.compliancebot.bridge.crypto.primitives.Curve25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.KeyDecodeException;
import org.compliancebot.bridge.crypto.primitives.MessageCipher;
import org.compliancebot.bridge.crypto.primitives.ProtoFields;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/**
 * A normal Olm message (spec "Normal Messages"): version byte 0x03, body with the ratchet key
 * (tag 0x0A), chain index (tag 0x10) and ciphertext (tag 0x22), then an 8-byte MAC over all
 * preceding bytes. Immutable.
 */
public final class OlmMessage implements AnyOlmMessage {
    public static final int VERSION = 3;
    private static final int FIELD_RATCHET_KEY = 1;
    private static final int FIELD_CHAIN_INDEX = 2;
    private static final int FIELD_CIPHERTEXT = 4;

    private final byte[] bytes;
    private final Curve25519PublicKey ratchetKey;
    private final long chainIndex;
    private final byte[] ciphertext;

    private OlmMessage(byte[] bytes, Curve25519PublicKey ratchetKey, long chainIndex, byte[] ciphertext) {
        this.bytes = bytes;
        this.ratchetKey = ratchetKey;
        this.chainIndex = chainIndex;
        this.ciphertext = ciphertext;
    }

    public static OlmMessage fromBase64(String base64) throws OlmDecodeException {
        Optional<byte[]> raw = UnpaddedBase64.decode(base64);
        if (raw.isEmpty()) {
            throw new OlmDecodeException.Base64();
        }
        return decode(raw.get());
    }

    public static OlmMessage decode(byte[] raw) throws OlmDecodeException {
        if (raw.length < 1 + MessageCipher.MAC_LENGTH) {
            throw new OlmDecodeException.TooShort(raw.length);
        }
        if ((raw[0] & 0xff) != VERSION) {
            throw new OlmDecodeException.UnsupportedVersion(raw[0] & 0xff);
        }
        ProtoFields fields;
        try {
            fields = ProtoFields.parse(raw, 1, raw.length - MessageCipher.MAC_LENGTH);
        } catch (ProtoFields.FormatException e) {
            throw new OlmDecodeException.Malformed(e.getMessage());
        }
        byte[] key = fields.bytes(FIELD_RATCHET_KEY);
        Long index = fields.integer(FIELD_CHAIN_INDEX);
        byte[] ciphertext = fields.bytes(FIELD_CIPHERTEXT);
        if (key == null || index == null || ciphertext == null) {
            throw new OlmDecodeException.Malformed("ratchet key, chain index and ciphertext are all required");
        }
        if (index < 0 || index > 0xffffffffL) {
            throw new OlmDecodeException.Malformed("chain index out of range");
        }
        return new OlmMessage(raw.clone(), key(key, "ratchet key"), index, ciphertext);
    }

    static Curve25519PublicKey key(byte[] raw, String name) throws OlmDecodeException {
        try {
            return Curve25519PublicKey.fromBytes(raw);
        } catch (KeyDecodeException e) {
            throw new OlmDecodeException.Malformed(name + " must be 32 bytes");
        }
    }

    static OlmMessage create(Curve25519PublicKey ratchetKey, long chainIndex, byte[] ciphertext, MessageCipher cipher) {
        byte[] out = new ProtoFields.Writer().raw(VERSION)
                .bytes(FIELD_RATCHET_KEY, ratchetKey.toBytes())
                .integer(FIELD_CHAIN_INDEX, chainIndex)
                .bytes(FIELD_CIPHERTEXT, ciphertext)
                .toBytes(MessageCipher.MAC_LENGTH);
        cipher.appendMac(out, out.length - MessageCipher.MAC_LENGTH);
        return new OlmMessage(out, ratchetKey, chainIndex, ciphertext);
    }

    public Curve25519PublicKey ratchetKey() {
        return ratchetKey;
    }

    public long chainIndex() {
        return chainIndex;
    }

    byte[] ciphertext() {
        return ciphertext;
    }

    byte[] raw() {
        return bytes;
    }

    int macOffset() {
        return bytes.length - MessageCipher.MAC_LENGTH;
    }

    @Override
    public int type() {
        return TYPE_NORMAL;
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
        return "OlmMessage[chainIndex=" + chainIndex + ", " + bytes.length + " bytes]";
    }
}
