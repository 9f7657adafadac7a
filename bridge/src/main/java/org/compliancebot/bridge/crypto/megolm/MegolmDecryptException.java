package org.compliancebot.bridge.crypto.megolm;

/**
 * A Megolm message could not be decrypted with an inbound session. Checks run in this order:
 * signature, index, MAC, padding; the first failure is reported.
 */
public abstract sealed class MegolmDecryptException extends Exception
        permits MegolmDecryptException.Signature, MegolmDecryptException.UnknownMessageIndex,
                MegolmDecryptException.Mac, MegolmDecryptException.Padding {

    private MegolmDecryptException(String message) {
        super(message, null, false, false);
    }

    /** The Ed25519 signature does not match the session's key: forged, corrupt, or another session. */
    public static final class Signature extends MegolmDecryptException {
        public Signature() {
            super("the message signature does not match the session's signing key; drop the message");
        }
    }

    /** The message is older than the earliest ratchet state this session knows. */
    public static final class UnknownMessageIndex extends MegolmDecryptException {
        private final long firstKnown;
        private final long requested;

        public UnknownMessageIndex(long firstKnown, long requested) {
            super("message index " + requested + " is before the first known index " + firstKnown
                    + "; request the room key from an earlier index (m.room_key_request or key backup)");
            this.firstKnown = firstKnown;
            this.requested = requested;
        }

        public long firstKnown() {
            return firstKnown;
        }

        public long requested() {
            return requested;
        }
    }

    /** The MAC does not match: the ratchet state and the message disagree. */
    public static final class Mac extends MegolmDecryptException {
        public Mac() {
            super("the message MAC does not match; the session key is wrong for this message");
        }
    }

    /** The plaintext padding is invalid after a valid MAC: the sender's encryption is broken. */
    public static final class Padding extends MegolmDecryptException {
        public Padding() {
            super("the decrypted message has invalid padding; the sender produced a broken message");
        }
    }
}
