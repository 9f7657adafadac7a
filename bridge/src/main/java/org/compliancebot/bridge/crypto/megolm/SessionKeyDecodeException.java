package org.compliancebot.bridge.crypto.megolm;

/**
 * A Megolm session key (the {@code session_key} of {@code m.room_key}, sharing format version 2,
 * or an exported key of {@code m.forwarded_room_key} and backups, export format version 1) could
 * not be decoded. Drop the key; do not create a session from it.
 */
public abstract sealed class SessionKeyDecodeException extends Exception
        permits SessionKeyDecodeException.Base64, SessionKeyDecodeException.WrongLength,
                SessionKeyDecodeException.UnsupportedVersion, SessionKeyDecodeException.InvalidKey,
                SessionKeyDecodeException.Signature {

    private SessionKeyDecodeException(String message) {
        super(message, null, false, false);
    }

    public static final class Base64 extends SessionKeyDecodeException {
        public Base64() {
            super("the session key is not valid base64");
        }
    }

    public static final class WrongLength extends SessionKeyDecodeException {
        public WrongLength(int expected, int got) {
            super("the session key must be " + expected + " bytes, got " + got);
        }
    }

    public static final class UnsupportedVersion extends SessionKeyDecodeException {
        public UnsupportedVersion(int expected, int got) {
            super("session key version " + got + " where " + expected + " was expected");
        }
    }

    /** The embedded Ed25519 public key is not a valid point. */
    public static final class InvalidKey extends SessionKeyDecodeException {
        public InvalidKey() {
            super("the session key holds an invalid Ed25519 public key");
        }
    }

    /** The sharing format's signature does not verify under its own public key. */
    public static final class Signature extends SessionKeyDecodeException {
        public Signature() {
            super("the session key's signature does not verify; it was altered or forged");
        }
    }
}
