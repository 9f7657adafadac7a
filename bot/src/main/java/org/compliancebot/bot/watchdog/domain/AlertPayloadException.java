package org.compliancebot.bot.watchdog.domain;

/**
 * A webhook body that cannot be accepted. The message names the field and the problem, e.g.
 * {@code alerts[2].labels.severity: unknown severity 'urgent'}; it is safe to return to the sender.
 */
public final class AlertPayloadException extends Exception {
    /** What kind of problem: a body that is not the expected shape, or a level that cannot be mapped. */
    public enum Kind { MALFORMED, UNKNOWN_LEVEL }

    private final Kind kind;

    public AlertPayloadException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
