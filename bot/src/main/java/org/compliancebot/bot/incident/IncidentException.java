package org.compliancebot.bot.incident;

/** A request about an incident that cannot be carried out as asked; the message says why, in words for people. */
public final class IncidentException extends RuntimeException {
    public IncidentException(String message) {
        super(message);
    }
}
