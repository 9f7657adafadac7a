package org.compliancebot.bot.incident.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.compliancebot.bot.incident.Checklist;
import org.compliancebot.bot.incident.Cleartext;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.IncidentStatus;
import org.compliancebot.bot.incident.IncidentStore;
import org.compliancebot.bot.incident.Invitation;
import org.compliancebot.bot.incident.Membership;
import org.compliancebot.bot.incident.NewIncident;
import org.compliancebot.bot.incident.Task;
import org.compliancebot.bot.incident.TimelineEntry;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;

/**
 * {@link IncidentStore} on the bot's database (SQLite or PostgreSQL). Each call runs in a
 * transaction of {@link Database#inTransaction}, joining the caller's when there is one (a sync
 * batch, or {@link #atomically}).
 */
public final class JdbcIncidentStore implements IncidentStore {
    private final Database db;

    public JdbcIncidentStore(Database db) {
        this.db = db;
    }

    /** Applies the incident module's migrations ({@code db/incident/NNN.sql}). */
    public static void migrate(Database db) {
        Migrations.migrate(db, "incident", JdbcIncidentStore.class.getClassLoader());
    }

    @Override
    public <T> T atomically(Supplier<T> work) {
        return db.inTransaction(c -> work.get());
    }

    @Override
    public Incident create(NewIncident request, Instant now) {
        return db.inTransaction(c -> {
            if (request.sourceKey() != null) {
                Optional<Incident> earlier = IncidentRows.selectOne(c, "source_key = ?", request.sourceKey());
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
            Incident incident = Incident.recorded(new IncidentId(day, IncidentRows.nextSequence(c, day.toString())), request, now);
            IncidentRows.insert(c, incident);
            return incident;
        });
    }

    @Override
    public Optional<Incident> find(IncidentId id) {
        return db.inTransaction(c -> IncidentRows.selectOne(c, "id = ?", id.toString()));
    }

    @Override
    public Optional<Incident> findByRoom(RoomId room) {
        return db.inTransaction(c -> IncidentRows.selectOne(c, "room_id = ?", room.value()));
    }

    @Override
    public Optional<Incident> findBySourceKey(String sourceKey) {
        return db.inTransaction(c -> IncidentRows.selectOne(c, "source_key = ?", sourceKey));
    }

    @Override
    public List<Incident> list(IncidentStatus status) {
        return db.inTransaction(c -> status == null ? IncidentRows.select(c, null, null)
                : IncidentRows.select(c, "status = ?", status.name()));
    }

    @Override
    public void update(Incident incident) {
        db.inTransactionVoid(c -> IncidentRows.update(c, incident));
    }

    @Override
    public List<Incident> needingRoomWork() {
        return db.inTransaction(c -> IncidentRows.select(c, "status <> 'CLOSED' AND (opening_step <> 'OPENED' "
                + "OR closing_step IS NOT NULL OR topic_severity <> severity OR EXISTS (SELECT 1 FROM incident_invitation v "
                + "WHERE v.incident_id = incident.id AND v.state = 'PENDING'))", null));
    }

    @Override
    public List<Invitation> invitations(IncidentId id) {
        return db.inTransaction(c -> JournalRows.invitations(c, id));
    }

    @Override
    public void addInvitations(IncidentId id, List<Invitation> invitations, Instant now) {
        db.inTransactionVoid(c -> {
            for (Invitation inv : invitations) {
                JournalRows.addInvitation(c, id, inv, now);
            }
        });
    }

    @Override
    public void markInvited(IncidentId id, UserId user, Instant at) {
        db.inTransactionVoid(c -> JournalRows.markInvited(c, id, user, at));
    }

    @Override
    public Optional<TimelineEntry> addTimeline(IncidentId id, TimelineEntry.Kind kind, EventId eventId, UserId sender,
                                               Instant at, String text) {
        return db.inTransaction(c -> JournalRows.addTimeline(c, id, kind, eventId, sender, at, text));
    }

    @Override
    public List<TimelineEntry> timeline(IncidentId id) {
        return db.inTransaction(c -> JournalRows.timeline(c, id));
    }

    @Override
    public Task addTask(IncidentId id, UserId assignee, String text, UserId by, Instant at, EventId eventId) {
        return db.inTransaction(c -> JournalRows.addTask(c, id, assignee, text, by, at, eventId));
    }

    @Override
    public List<Task> tasks(IncidentId id) {
        return db.inTransaction(c -> JournalRows.tasks(c, id));
    }

    @Override
    public Checklist checklist(IncidentId id) {
        return db.inTransaction(c -> JournalRows.checklist(c, id));
    }

    @Override
    public void tick(IncidentId id, int item, UserId by, Instant at) {
        db.inTransactionVoid(c -> JournalRows.tick(c, id, item, by, at));
    }

    @Override
    public void recordMembership(IncidentId id, UserId user, Membership membership, Instant at) {
        db.inTransactionVoid(c -> JournalRows.membership(c, id, user, membership, at));
    }

    @Override
    public Map<UserId, Membership> members(IncidentId id) {
        return db.inTransaction(c -> JournalRows.members(c, id));
    }

    @Override
    public void recordMessage(IncidentId id, EventId eventId, UserId sender, Instant at, String body) {
        db.inTransactionVoid(c -> JournalRows.message(c, id, eventId, sender, at, body));
    }

    @Override
    public Optional<String> messageBody(IncidentId id, EventId eventId) {
        return db.inTransaction(c -> JournalRows.messageBody(c, id, eventId));
    }

    @Override
    public void recordCleartext(IncidentId id, EventId eventId, Cleartext cleartext) {
        db.inTransactionVoid(c -> JournalRows.cleartext(c, id, eventId, cleartext));
    }

    @Override
    public Optional<Cleartext> cleartext(IncidentId id, EventId eventId) {
        return db.inTransaction(c -> JournalRows.cleartext(c, id, eventId));
    }
}
