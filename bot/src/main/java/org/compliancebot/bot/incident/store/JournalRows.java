package org.compliancebot.bot.incident.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bot.incident.Checklist;
import org.compliancebot.bot.incident.Cleartext;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.Invitation;
import org.compliancebot.bot.incident.Membership;
import org.compliancebot.bot.incident.Severity;
import org.compliancebot.bot.incident.Task;
import org.compliancebot.bot.incident.TimelineEntry;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.UserId;

/** The SQL of an incident's journal: invitations, timeline, tasks, checklist ticks, members and messages. */
final class JournalRows {
    private JournalRows() {}

    static List<Invitation> invitations(Connection c, IncidentId id) throws SQLException {
        List<Invitation> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, role, severity, state FROM incident_invitation "
                + "WHERE incident_id = ? ORDER BY requested_at, user_id")) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Invitation(UserId.of(rs.getString(1)), Role.valueOf(rs.getString(2)),
                            Severity.valueOf(rs.getString(3)), Invitation.State.valueOf(rs.getString(4))));
                }
            }
        }
        return out;
    }

    static void addInvitation(Connection c, IncidentId id, Invitation inv, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_invitation (incident_id, user_id, role, severity, "
                + "state, requested_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (incident_id, user_id) DO NOTHING")) {
            ps.setString(1, id.toString());
            ps.setString(2, inv.user().value());
            ps.setString(3, inv.role().name());
            ps.setString(4, inv.severity().name());
            ps.setString(5, inv.state().name());
            ps.setLong(6, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    static void markInvited(Connection c, IncidentId id, UserId user, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE incident_invitation SET state = 'SENT', sent_at = ? "
                + "WHERE incident_id = ? AND user_id = ?")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, id.toString());
            ps.setString(3, user.value());
            ps.executeUpdate();
        }
    }

    static Optional<TimelineEntry> addTimeline(Connection c, IncidentId id, TimelineEntry.Kind kind, EventId eventId,
                                               UserId sender, Instant at, String text) throws SQLException {
        if (eventId != null) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM incident_timeline WHERE incident_id = ? AND kind = ? AND event_id = ?")) {
                ps.setString(1, id.toString());
                ps.setString(2, kind.name());
                ps.setString(3, eventId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.empty();
                    }
                }
            }
        }
        int number = next(c, "incident_timeline", "number", id);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_timeline (incident_id, number, kind, event_id, "
                + "sender, entry_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id.toString());
            ps.setInt(2, number);
            ps.setString(3, kind.name());
            ps.setString(4, eventId == null ? null : eventId.value());
            ps.setString(5, sender.value());
            ps.setLong(6, at.toEpochMilli());
            ps.setString(7, text);
            ps.executeUpdate();
        }
        return Optional.of(new TimelineEntry(number, kind, eventId, sender, at, text));
    }

    static List<TimelineEntry> timeline(Connection c, IncidentId id) throws SQLException {
        List<TimelineEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT number, kind, event_id, sender, entry_at, note "
                + "FROM incident_timeline WHERE incident_id = ? ORDER BY number")) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TimelineEntry(rs.getInt(1), TimelineEntry.Kind.valueOf(rs.getString(2)),
                            rs.getString(3) == null ? null : EventId.of(rs.getString(3)), UserId.of(rs.getString(4)),
                            Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6)));
                }
            }
        }
        return out;
    }

    static Task addTask(Connection c, IncidentId id, UserId assignee, String text, UserId by, Instant at, EventId eventId)
            throws SQLException {
        int number = next(c, "incident_task", "number", id);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_task (incident_id, number, assignee, task, "
                + "assigned_by, assigned_at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id.toString());
            ps.setInt(2, number);
            ps.setString(3, assignee.value());
            ps.setString(4, text);
            ps.setString(5, by.value());
            ps.setLong(6, at.toEpochMilli());
            ps.setString(7, eventId == null ? null : eventId.value());
            ps.executeUpdate();
        }
        return new Task(number, assignee, text, by, at, eventId);
    }

    static List<Task> tasks(Connection c, IncidentId id) throws SQLException {
        List<Task> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT number, assignee, task, assigned_by, assigned_at, event_id "
                + "FROM incident_task WHERE incident_id = ? ORDER BY number")) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Task(rs.getInt(1), UserId.of(rs.getString(2)), rs.getString(3), UserId.of(rs.getString(4)),
                            Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6) == null ? null : EventId.of(rs.getString(6))));
                }
            }
        }
        return out;
    }

    static Checklist checklist(Connection c, IncidentId id) throws SQLException {
        Map<Integer, Checklist.Tick> ticks = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT item, checked_by, checked_at FROM incident_check WHERE incident_id = ?")) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ticks.put(rs.getInt(1), new Checklist.Tick(UserId.of(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3))));
                }
            }
        }
        return new Checklist(ticks);
    }

    static void tick(Connection c, IncidentId id, int item, UserId by, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_check (incident_id, item, checked_by, checked_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (incident_id, item) DO NOTHING")) {
            ps.setString(1, id.toString());
            ps.setInt(2, item);
            ps.setString(3, by.value());
            ps.setLong(4, at.toEpochMilli());
            ps.executeUpdate();
        }
    }

    static void membership(Connection c, IncidentId id, UserId user, Membership m, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_member (incident_id, user_id, membership, changed_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (incident_id, user_id) DO UPDATE SET membership = excluded.membership, "
                + "changed_at = excluded.changed_at")) {
            ps.setString(1, id.toString());
            ps.setString(2, user.value());
            ps.setString(3, m.name());
            ps.setLong(4, at.toEpochMilli());
            ps.executeUpdate();
        }
    }

    static Map<UserId, Membership> members(Connection c, IncidentId id) throws SQLException {
        Map<UserId, Membership> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_id, membership FROM incident_member WHERE incident_id = ? ORDER BY changed_at, user_id")) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(UserId.of(rs.getString(1)), Membership.valueOf(rs.getString(2)));
                }
            }
        }
        return out;
    }

    static void message(Connection c, IncidentId id, EventId eventId, UserId sender, Instant at, String body) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_message (incident_id, event_id, sender, sent_at, body) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (incident_id, event_id) DO NOTHING")) {
            ps.setString(1, id.toString());
            ps.setString(2, eventId.value());
            ps.setString(3, sender.value());
            ps.setLong(4, at.toEpochMilli());
            ps.setString(5, body);
            ps.executeUpdate();
        }
    }

    static Optional<String> messageBody(Connection c, IncidentId id, EventId eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT body FROM incident_message WHERE incident_id = ? AND event_id = ?")) {
            ps.setString(1, id.toString());
            ps.setString(2, eventId.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static void cleartext(Connection c, IncidentId id, EventId eventId, Cleartext clear) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_cleartext (incident_id, event_id, event_type, "
                + "content, sender_device) VALUES (?, ?, ?, ?, ?) ON CONFLICT (incident_id, event_id) DO NOTHING")) {
            ps.setString(1, id.toString());
            ps.setString(2, eventId.value());
            ps.setString(3, clear.type());
            ps.setString(4, clear.contentJson());
            ps.setString(5, clear.senderDevice());
            ps.executeUpdate();
        }
    }

    static Optional<Cleartext> cleartext(Connection c, IncidentId id, EventId eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT event_type, content, sender_device FROM incident_cleartext WHERE incident_id = ? AND event_id = ?")) {
            ps.setString(1, id.toString());
            ps.setString(2, eventId.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Cleartext(rs.getString(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    private static int next(Connection c, String table, String column, IncidentId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(" + column + "), 0) + 1 FROM " + table + " WHERE incident_id = ?")) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
