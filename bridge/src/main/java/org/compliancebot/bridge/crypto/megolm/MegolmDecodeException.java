package org.compliancebot.bridge.crypto.megolm;

/**
 * A Megolm message could not be decoded. The event is malformed or not Megolm v1; it cannot be
 * decrypted, so report it as undecryptable rather than retrying.
 */
public abstract sealed class MegolmDecodeException extends Exception
        permits MegolmDecodeException.Base64, MegolmDecodeException.TooShort,
                MegolmDecodeException.UnsupportedVersion, MegolmDecodeException.Malformed {

    private MegolmDecodeException(String message) {
        super(message, null, false, false);
    }

    /** The ciphertext string is not base64. */
    public static final class Base64 extends MegolmDecodeException {
        public Base64() {
            super("the Megolm ciphertext is not valid base64");
        }
    }

    /** Fewer bytes than version, MAC and signature need. */
    public static final class TooShort extends MegolmDecodeException {
        public TooShort(int length) {
            super("a Megolm message needs at least 73 bytes, got " + length);
        }
    }

    /** The version byte is not 3. */
    public static final class UnsupportedVersion extends MegolmDecodeException {
        private final int version;

        public UnsupportedVersion(int version) {
            super("unsupported Megolm message version " + version + "; only version 3 is known");
            this.version = version;
        }

        public int version() {
            return version;
        }
    }

    /** The body is malformed or lacks a required field. */
    public static final class Malformed extends MegolmDecodeException {
        public Malformed(String why) {
            super("malformed Megolm message: " + why);
        }
    }
}
