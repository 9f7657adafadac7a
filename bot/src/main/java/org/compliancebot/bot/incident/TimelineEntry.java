package org.compliancebot.bot.incident;

import java.time.Instant;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.UserId;

/**
 * One entry of an incident's timeline.
 *
 * @param number  the entry's position in the incident's timeline, from 1
 * @param eventId the event it stands for: the command message, or the message marked with 📌
 * @param sender  who added it (the author of the command, or whoever reacted with 📌)
 * @param at      when: the server time of the event that added it
 */
public record TimelineEntry(int number, Kind kind, EventId eventId, UserId sender, Instant at, String text) {
    /** What put the entry on the timeline. */
    public enum Kind { NOTE, PINNED, SEVERITY, TASK, CHECK, RESOLVED, CLOSE }
}
