package org.compliancebot.bridge.e2ee;

/**
 * The crypto store and the homeserver disagree about the bot's device, or the store cannot be opened.
 * Running on would be silently broken (nobody could read the bot's messages, or it theirs), so start-up
 * stops; the message says what happened and what the operator can do.
 */
public final class CryptoStartupException extends RuntimeException {
    public CryptoStartupException(String message) {
        super(message);
    }

    public CryptoStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
