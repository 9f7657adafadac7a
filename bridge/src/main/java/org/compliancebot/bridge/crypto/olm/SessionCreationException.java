package org.compliancebot.bridge.crypto.olm;

/** An Olm session could not be created. */
public abstract sealed class SessionCreationException extends Exception
        permits SessionCreationException.MissingOneTimeKey, SessionCreationException.MismatchedIdentityKey,
                SessionCreationException.LowOrderKey, SessionCreationException.Decryption {

    private SessionCreationException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** The pre-key message names a one-time key we do not hold (used, expired or never ours). */
    public static final class MissingOneTimeKey extends SessionCreationException {
        public MissingOneTimeKey(String key) {
            super("no one-time or fallback key " + key + " in this account; it was used already or is not ours", null);
        }
    }

    /** The pre-key message's identity key is not the one the caller expected from the envelope. */
    public static final class MismatchedIdentityKey extends SessionCreationException {
        public MismatchedIdentityKey() {
            super("the pre-key message's identity key differs from the envelope's sender_key; drop it", null);
        }
    }

    /** A Curve25519 key taking part in the triple Diffie-Hellman is a low-order point. */
    public static final class LowOrderKey extends SessionCreationException {
        public LowOrderKey() {
            super("a key of the session setup is a low-order point; refuse the session", null);
        }
    }

    /** The keys agreed, but the first message did not decrypt; no session is created. */
    public static final class Decryption extends SessionCreationException {
        public Decryption(OlmDecryptException cause) {
            super("the pre-key message did not decrypt: " + cause.getMessage(), cause);
        }

        @Override
        public synchronized OlmDecryptException getCause() {
            return (OlmDecryptException) super.getCause();
        }
    }
}
