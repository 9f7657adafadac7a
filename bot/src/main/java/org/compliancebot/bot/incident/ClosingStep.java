package org.compliancebot.bot.incident;

/**
 * How far the closure of an incident has come: the closing notice is posted, the room archived
 * (members can no longer post), then the transcript extracted, after which the incident is closed.
 * Archiving before extracting means no message can slip in between.
 */
public enum ClosingStep {
    REQUESTED, ANNOUNCED, ARCHIVED, EXTRACTED;

    public boolean isBefore(ClosingStep other) {
        return compareTo(other) < 0;
    }
}
