package org.compliancebot.bot.incident;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * Where incidents and their journal (invitations, timeline, tasks, checklist, members) are kept.
 * Every method is atomic on its own; {@link #atomically} groups several into one transaction, and
 * calls made while the caller already holds a transaction join it.
 */
public interface IncidentStore {
    <T> T atomically(Supplier<T> work);

    /**
     * Records a new incident under the next free ID of the day of {@code now} (UTC). When the
     * request carries a source key that was seen before, returns that incident and records nothing.
     */
    Incident create(NewIncident request, Instant now);

    Optional<Incident> find(IncidentId id);

    Optional<Incident> findByRoom(RoomId room);

    Optional<Incident> findBySourceKey(String sourceKey);

    /** Incidents with the given status (all when null), newest first. */
    List<Incident> list(IncidentStatus status);

    /** Replaces the stored incident with {@code incident} (same ID). */
    void update(Incident incident);

    /** Incidents whose room still needs work: opening, pending invitations, a stale topic, or closing. */
    List<Incident> needingRoomWork();

    List<Invitation> invitations(IncidentId id);

    /** Adds invitations as PENDING; a user already listed for this incident is left as they are. */
    void addInvitations(IncidentId id, List<Invitation> invitations, Instant now);

    void markInvited(IncidentId id, UserId user, Instant at);

    /** Adds a timeline entry; empty when an entry of the same kind for the same event exists already. */
    Optional<TimelineEntry> addTimeline(IncidentId id, TimelineEntry.Kind kind, EventId eventId, UserId sender,
                                        Instant at, String text);

    List<TimelineEntry> timeline(IncidentId id);

    Task addTask(IncidentId id, UserId assignee, String text, UserId by, Instant at, EventId eventId);

    List<Task> tasks(IncidentId id);

    Checklist checklist(IncidentId id);

    /** Ticks a checklist item; an item ticked before keeps its first tick. */
    void tick(IncidentId id, int item, UserId by, Instant at);

    void recordMembership(IncidentId id, UserId user, Membership membership, Instant at);

    Map<UserId, Membership> members(IncidentId id);

    /** Remembers a message of the room (its plain body), so a 📌 on it can quote it. */
    void recordMessage(IncidentId id, EventId eventId, UserId sender, Instant at, String body);

    Optional<String> messageBody(IncidentId id, EventId eventId);

    /** Keeps the cleartext of an end-to-end encrypted event of the room, as decrypted on arrival. */
    void recordCleartext(IncidentId id, EventId eventId, Cleartext cleartext);

    Optional<Cleartext> cleartext(IncidentId id, EventId eventId);
}
