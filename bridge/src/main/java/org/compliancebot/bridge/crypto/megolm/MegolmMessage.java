package org.compliancebot.bridge.crypto.megolm;

import java.util.Optional;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;
import org.compliancebot.bridge.crypto.primitives.MessageCipher;
import org.compliancebot.bridge.crypto.primitives.ProtoFields;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;

/**
 * A Megolm v1 message (spec "Message format"): version byte 0x03, a body with the message index
 * (tag 0x08) and the ciphertext (tag 0x12), an 8-byte MAC over everything before it and a 64-byte
 * Ed25519 signature over everything before that. Immutable.
 */
public final class MegolmMessage {
    public static final int VERSION = 3;
    static final int TRAILER = MessageCipher.MAC_LENGTH + Ed25519PublicKey.SIGNATURE_LENGTH;
    private static final int FIELD_INDEX = 1;
    private static final int FIELD_CIPHERTEXT = 2;

    private final byte[] bytes;
    private final long messageIndex;
    private final byte[] ciphertext;

    private MegolmMessage(byte[] bytes, long messageIndex, byte[] ciphertext) {
        this.bytes = bytes;
        this.messageIndex = messageIndex;
        this.ciphertext = ciphertext;
    }

    /** Decodes the {@code ciphertext} string of an {@code m.megolm.v1.aes-sha2} event. */
    public static MegolmMessage fromBase64(String base64) throws MegolmDecodeException {
        Optional<byte[]> raw = UnpaddedBase64.decode(base64);
        if (raw.isEmpty()) {
            throw new MegolmDecodeException.Base64();
        }
        return decode(raw.get());
    }

    /** Decodes raw message bytes (copied). */
    public static MegolmMessage decode(byte[] raw) throws MegolmDecodeException {
        if (raw.length < 1 + TRAILER) {
            throw new MegolmDecodeException.TooShort(raw.length);
        }
        int version = raw[0] & 0xff;
        if (version != VERSION) {
            throw new MegolmDecodeException.UnsupportedVersion(version);
        }
        ProtoFields fields;
        try {
            fields = ProtoFields.parse(raw, 1, raw.length - TRAILER);
        } catch (ProtoFields.FormatException e) {
            throw new MegolmDecodeException.Malformed(e.getMessage());
        }
        Long index = fields.integer(FIELD_INDEX);
        byte[] ciphertext = fields.bytes(FIELD_CIPHERTEXT);
        if (index == null) {
            throw new MegolmDecodeException.Malformed("no message index");
        }
        if (index < 0 || index > 0xffffffffL) {
            throw new MegolmDecodeException.Malformed("message index out of range");
        }
        if (ciphertext == null) {
            throw new MegolmDecodeException.Malformed("no ciphertext");
        }
        return new MegolmMessage(raw.clone(), index, ciphertext);
    }

    /** Builds, MACs and signs a message; used by {@link OutboundGroupSession}. */
    static MegolmMessage create(long index, byte[] ciphertext, MessageCipher cipher,
                                org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair signer) {
        byte[] out = new ProtoFields.Writer().raw(VERSION)
                .integer(FIELD_INDEX, index).bytes(FIELD_CIPHERTEXT, ciphertext)
                .toBytes(TRAILER);
        int macAt = out.length - TRAILER;
        cipher.appendMac(out, macAt);
        int sigAt = macAt + MessageCipher.MAC_LENGTH;
        signer.sign(out, 0, sigAt, out, sigAt);
        return new MegolmMessage(out, index, ciphertext);
    }

    public long messageIndex() {
        return messageIndex;
    }

    byte[] ciphertext() {
        return ciphertext;
    }

    byte[] raw() {
        return bytes;
    }

    int macOffset() {
        return bytes.length - TRAILER;
    }

    int signatureOffset() {
        return bytes.length - Ed25519PublicKey.SIGNATURE_LENGTH;
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The unpadded base64 that goes into the event's {@code ciphertext}. */
    public String toBase64() {
        return UnpaddedBase64.encode(bytes);
    }

    @Override
    public String toString() {
        return "MegolmMessage[index=" + messageIndex + ", " + bytes.length + " bytes]";
    }
}
