package org.compliancebot.bridge.crypto.olm;

/**
 * An Olm message (normal or pre-key) could not be decoded. The to-device event is malformed;
 * drop it (the sender will start a new session if it keeps failing).
 */
public abstract sealed class OlmDecodeException extends Exception
        permits OlmDecodeException.Base64, OlmDecodeException.TooShort,
                OlmDecodeException.UnsupportedVersion, OlmDecodeException.Malformed,
                OlmDecodeException.UnknownType {

    private OlmDecodeException(String message) {
        super(message, null, false, false);
    }

    public static final class Base64 extends OlmDecodeException {
        public Base64() {
            super("the Olm message body is not valid base64");
        }
    }

    public static final class TooShort extends OlmDecodeException {
        public TooShort(int length) {
            super("the Olm message is too short (" + length + " bytes)");
        }
    }

    public static final class UnsupportedVersion extends OlmDecodeException {
        public UnsupportedVersion(int version) {
            super("unsupported Olm message version " + version + "; only version 3 is known");
        }
    }

    /** A field is missing, has the wrong size, or the body does not parse. */
    public static final class Malformed extends OlmDecodeException {
        public Malformed(String why) {
            super("malformed Olm message: " + why);
        }
    }

    /** The envelope's {@code type} is neither 0 (pre-key) nor 1 (normal). */
    public static final class UnknownType extends OlmDecodeException {
        public UnknownType(long type) {
            super("unknown Olm message type " + type + "; expected 0 (pre-key) or 1 (normal)");
        }
    }
}
