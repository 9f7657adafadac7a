package org.compliancebot.bot.watchdog.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.watchdog.domain.StoredAlert;

/**
 * Digest messages: one message standing for many alerts. A digest and its members are written in one
 * transaction before the message is sent, so a retry after a crash sends the same digest again under
 * the same outbox key.
 */
public final class DigestStore {
    /** Which room a digest goes to. */
    public enum RoomKind { MONITORING, OVERSIGHT }

    /** A digest row; {@code eventId} is null until sent. */
    public record Digest(long id, RoomKind room, String eventId, int revision) {}

    private final AlertStore alerts;

    public DigestStore(AlertStore alerts) {
        this.alerts = alerts;
    }

    /** Creates a digest of the given alerts. Monitoring digests take the alerts out of the posting queue. */
    public long create(Connection c, RoomKind room, List<Long> alertIds, Instant now) throws SQLException {
        long id = AlertStore.nextId(c, "watchdog_digest");
        AlertStore.update(c, "INSERT INTO watchdog_digest (id, room_kind, created_at) VALUES (?, ?, ?)", id, room.name(), now.toEpochMilli());
        for (long a : alertIds) {
            if (room == RoomKind.MONITORING) {
                AlertStore.update(c, "UPDATE watchdog_alert SET digest_id = ? WHERE id = ?", id, a);
            } else {
                AlertStore.update(c, "INSERT INTO watchdog_oversight_digest (digest_id, alert_id) VALUES (?, ?)", id, a);
                AlertStore.update(c, "UPDATE watchdog_alert SET oversight_pending = 0 WHERE id = ?", a);
            }
        }
        return id;
    }

    /** Digests created but not yet sent (after a crash), oldest first. */
    public List<Digest> unsent(Connection c) throws SQLException {
        return digests(c, "SELECT id, room_kind, event_id, revision FROM watchdog_digest WHERE event_id IS NULL ORDER BY id");
    }

    public Optional<Digest> find(Connection c, long id) throws SQLException {
        List<Digest> l = digests(c, "SELECT id, room_kind, event_id, revision FROM watchdog_digest WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public List<StoredAlert> members(Connection c, Digest d) throws SQLException {
        String cols = "a.id, a.source, a.fingerprint, a.title, a.level, a.description, a.labels, a.links, a.fire_count, a.first_seen, "
                + "a.last_seen, a.event_id, a.digest_id, a.acked_by, a.acked_at, a.escalated_at, a.resolved_at, a.superseded, a.incident_id";
        return d.room() == RoomKind.MONITORING
                ? alerts.many(c, "SELECT " + cols + " FROM watchdog_alert a WHERE a.digest_id = ? ORDER BY a.id", d.id())
                : alerts.many(c, "SELECT " + cols + " FROM watchdog_alert a JOIN watchdog_oversight_digest o ON o.alert_id = a.id "
                        + "WHERE o.digest_id = ? ORDER BY a.id", d.id());
    }

    public void markSent(Connection c, Digest d, String eventId, List<Long> members) throws SQLException {
        AlertStore.update(c, "UPDATE watchdog_digest SET event_id = ? WHERE id = ?", eventId, d.id());
        alerts.recordMessage(c, eventId, members);
    }

    /** Takes the next revision number for an edit of the digest. */
    public int nextRevision(Connection c, long id) throws SQLException {
        AlertStore.update(c, "UPDATE watchdog_digest SET revision = revision + 1 WHERE id = ?", id);
        return (int) AlertStore.count(c, "SELECT revision FROM watchdog_digest WHERE id = ?", id);
    }

    private static List<Digest> digests(Connection c, String sql, Object... args) throws SQLException {
        List<Digest> out = new ArrayList<>();
        try (PreparedStatement ps = AlertStore.prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Digest(rs.getLong(1), RoomKind.valueOf(rs.getString(2)), rs.getString(3), rs.getInt(4)));
            }
        }
        return out;
    }
}
