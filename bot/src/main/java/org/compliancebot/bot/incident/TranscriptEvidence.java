package org.compliancebot.bot.incident;

import org.compliancebot.bridge.id.RoomId;

/**
 * Takes an archived incident room's history into the evidence log, each event a record linked to the
 * incident, so the incident's audit packet holds its transcript. Called by the closing step after the
 * transcript is written; it must be idempotent (a retried closure adds nothing) and throws when the log
 * cannot take the records now, so the step is retried.
 */
@FunctionalInterface
public interface TranscriptEvidence {
    /** @return how many records were new */
    int adopt(IncidentId incident, RoomId room);

    /** For a bot without the evidence log. */
    TranscriptEvidence NONE = (incident, room) -> 0;
}
