package org.compliancebot.bridge.crypto.olm;

/**
 * The decrypted plaintext of an {@code m.olm.v1.curve25519-aes-sha2} event, or the event's
 * envelope, failed the spec's checks. Drop the event: acting on it could let one device speak for
 * another (an unknown key-share).
 */
public abstract sealed class OlmPayloadException extends Exception
        permits OlmPayloadException.Malformed, OlmPayloadException.WrongSender,
                OlmPayloadException.WrongRecipient, OlmPayloadException.WrongRecipientKey,
                OlmPayloadException.WrongSenderKey {

    private OlmPayloadException(String message) {
        super(message, null, false, false);
    }

    /** Not a JSON object, or a required field is missing or of the wrong type. */
    public static final class Malformed extends OlmPayloadException {
        public Malformed(String why) {
            super("malformed Olm payload: " + why);
        }
    }

    /** {@code sender} differs from the to-device event's sender. */
    public static final class WrongSender extends OlmPayloadException {
        public WrongSender() {
            super("the payload's sender differs from the event's sender; drop the event");
        }
    }

    /** {@code recipient} is not our user. */
    public static final class WrongRecipient extends OlmPayloadException {
        public WrongRecipient() {
            super("the payload was meant for another user; drop the event");
        }
    }

    /** {@code recipient_keys.ed25519} is not our device's key. */
    public static final class WrongRecipientKey extends OlmPayloadException {
        public WrongRecipientKey() {
            super("the payload was meant for another device; drop the event");
        }
    }

    /** {@code keys.ed25519} differs from the sender device's known Ed25519 key. */
    public static final class WrongSenderKey extends OlmPayloadException {
        public WrongSenderKey() {
            super("the payload's sender Ed25519 key does not match the sending device; drop the event");
        }
    }
}
