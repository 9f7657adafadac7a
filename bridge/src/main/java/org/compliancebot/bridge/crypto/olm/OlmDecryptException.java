package org.compliancebot.bridge.crypto.olm;

/** An Olm message could not be decrypted by a session. The session is unchanged. */
public abstract sealed class OlmDecryptException extends Exception
        permits OlmDecryptException.InvalidMac, OlmDecryptException.InvalidPadding,
                OlmDecryptException.MissingMessageKey, OlmDecryptException.MessageGapTooLarge,
                OlmDecryptException.UnknownRatchetKey, OlmDecryptException.SessionMismatch,
                OlmDecryptException.LowOrderKey {

    private OlmDecryptException(String message) {
        super(message, null, false, false);
    }

    /** The MAC does not match: the message belongs to another session or was altered. */
    public static final class InvalidMac extends OlmDecryptException {
        public InvalidMac() {
            super("the Olm message MAC does not match; try the sender's other sessions, then drop it");
        }
    }

    public static final class InvalidPadding extends OlmDecryptException {
        public InvalidPadding() {
            super("the Olm plaintext has invalid padding; the sender produced a broken message");
        }
    }

    /** The message is older than the chain position and its key was not kept (or was used). */
    public static final class MissingMessageKey extends OlmDecryptException {
        public MissingMessageKey(long index) {
            super("no message key for chain index " + index
                    + ": the message was already decrypted or is too old to keep its key");
        }
    }

    /** The message is too far ahead of the chain; deriving that many keys is refused. */
    public static final class MessageGapTooLarge extends OlmDecryptException {
        public MessageGapTooLarge(long gap, int max) {
            super("the message is " + gap + " steps ahead of its chain (at most " + max
                    + " allowed); the session should be replaced");
        }
    }

    /** A new ratchet key arrived while we have no sending chain to ratchet with. */
    public static final class UnknownRatchetKey extends OlmDecryptException {
        public UnknownRatchetKey() {
            super("the message uses a ratchet key this session cannot ratchet to; try other sessions");
        }
    }

    /** A pre-key message for a different session was given to this session. */
    public static final class SessionMismatch extends OlmDecryptException {
        public SessionMismatch() {
            super("the pre-key message belongs to a different session");
        }
    }

    /** The message's ratchet key is a low-order point. */
    public static final class LowOrderKey extends OlmDecryptException {
        public LowOrderKey() {
            super("the message's ratchet key is a low-order point; drop the message");
        }
    }
}
