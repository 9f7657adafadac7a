package org.compliancebot.bridge.crypto.olm;

/**
 * An Olm message as carried in an {@code m.olm.v1.curve25519-aes-sha2} envelope entry:
 * type 0 is a {@link PreKeyMessage}, type 1 a normal {@link OlmMessage}.
 */
public sealed interface AnyOlmMessage permits OlmMessage, PreKeyMessage {
    int TYPE_PRE_KEY = 0;
    int TYPE_NORMAL = 1;

    /** The envelope {@code type}: 0 or 1. */
    int type();

    /** The envelope {@code body}: unpadded base64 of the message bytes. */
    String toBase64();

    byte[] toBytes();

    /** Decodes an envelope entry's {@code type} and {@code body}. */
    static AnyOlmMessage fromEnvelope(long type, String body) throws OlmDecodeException {
        if (type == TYPE_PRE_KEY) {
            return PreKeyMessage.fromBase64(body);
        }
        if (type == TYPE_NORMAL) {
            return OlmMessage.fromBase64(body);
        }
        throw new OlmDecodeException.UnknownType(type);
    }
}
