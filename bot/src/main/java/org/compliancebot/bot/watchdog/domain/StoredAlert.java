package org.compliancebot.bot.watchdog.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * An alert as the bot keeps it: what came in, how often, where it was posted, and what people and the
 * bot did about it.
 *
 * @param id          the bot's own number for the alert, shown in chat and used by the API
 * @param fireCount   how many firing notifications were folded into this alert
 * @param eventId     the alert's own message in the monitoring room, once posted individually
 * @param digestId    the digest message that carried it, when it was folded into a digest
 * @param superseded  true when a later alert with the same fingerprint replaced it after the dedup window
 */
public record StoredAlert(long id, IncomingAlert alert, long fireCount, Instant firstSeen, Instant lastSeen,
                          String eventId, Long digestId, String ackedBy, Instant ackedAt, Instant escalatedAt,
                          Instant resolvedAt, boolean superseded, String incidentId) {

    public boolean isOpen() {
        return resolvedAt == null && !superseded;
    }

    public boolean isPosted() {
        return eventId != null || digestId != null;
    }

    public boolean isAcknowledged() {
        return ackedAt != null;
    }

    public Optional<String> eventIdOpt() {
        return Optional.ofNullable(eventId);
    }

    public Level level() {
        return alert.level();
    }
}
