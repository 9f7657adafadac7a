package org.compliancebot.bot.setup;

/** The bootstrap cannot go on; the message says what to fix. */
public final class SetupException extends RuntimeException {
    public SetupException(String message) {
        super(message);
    }

    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
