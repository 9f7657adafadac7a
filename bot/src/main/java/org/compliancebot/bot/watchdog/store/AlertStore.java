package org.compliancebot.bot.watchdog.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bot.watchdog.domain.AlertStatus;
import org.compliancebot.bot.watchdog.domain.IncomingAlert;
import org.compliancebot.bot.watchdog.domain.Level;
import org.compliancebot.bot.watchdog.domain.StoredAlert;

/**
 * The watchdog's alerts in SQL. Every method works inside the caller's transaction ({@code c}), so an
 * ingest, an acknowledgement or a state change commits together with whatever else the caller does.
 */
public final class AlertStore {
    /** Work flags on an alert: something still to post for it. */
    public enum Flag {
        RESOLVE("resolve_pending"), OVERSIGHT("oversight_pending"), INCIDENT("incident_pending"), ESCALATION("escalation_pending");

        final String column;

        Flag(String column) {
            this.column = column;
        }
    }

    /** Which alerts a listing returns. */
    public enum Filter { OPEN, RESOLVED, ALL }

    private static final String COLUMNS = "id, source, fingerprint, title, level, description, labels, links, fire_count, "
            + "first_seen, last_seen, event_id, digest_id, acked_by, acked_at, escalated_at, resolved_at, superseded, incident_id";
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> LIST = new TypeReference<>() { };

    private final ObjectMapper json = new ObjectMapper();

    public Optional<StoredAlert> latestOpen(Connection c, String source, String fingerprint) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM watchdog_alert WHERE source = ? AND fingerprint = ? AND resolved_at IS NULL "
                + "AND superseded = 0 ORDER BY id DESC LIMIT 1", source, fingerprint);
    }

    public Optional<StoredAlert> find(Connection c, long id) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM watchdog_alert WHERE id = ?", id);
    }

    /** Stores a new alert, seen once at {@code now}; Critical alerts are flagged for the oversight room. */
    public StoredAlert insert(Connection c, IncomingAlert a, Instant now, boolean openIncident) throws SQLException {
        long id = nextId(c, "watchdog_alert");
        boolean critical = a.level() == Level.CRITICAL;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO watchdog_alert (id, source, fingerprint, title, level, "
                + "description, labels, links, fire_count, first_seen, last_seen, oversight_pending, incident_pending, resolved_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, a.source());
            ps.setString(3, a.fingerprint());
            ps.setString(4, a.title());
            ps.setString(5, a.level().name());
            ps.setString(6, a.description());
            ps.setString(7, write(a.labels()));
            ps.setString(8, write(a.links()));
            ps.setLong(9, now.toEpochMilli());
            ps.setLong(10, now.toEpochMilli());
            ps.setInt(11, critical ? 1 : 0);
            ps.setInt(12, critical && openIncident ? 1 : 0);
            if (a.status() == AlertStatus.RESOLVED) {
                ps.setLong(13, now.toEpochMilli());
            } else {
                ps.setNull(13, Types.BIGINT);
            }
            ps.executeUpdate();
        }
        return find(c, id).orElseThrow();
    }

    public void countRepeat(Connection c, long id, Instant now) throws SQLException {
        update(c, "UPDATE watchdog_alert SET fire_count = fire_count + 1, last_seen = ? WHERE id = ?", now.toEpochMilli(), id);
    }

    public void resolve(Connection c, long id, Instant now) throws SQLException {
        update(c, "UPDATE watchdog_alert SET resolved_at = ?, last_seen = ?, resolve_pending = 1 WHERE id = ? AND resolved_at IS NULL",
                now.toEpochMilli(), now.toEpochMilli(), id);
    }

    public void supersede(Connection c, long id) throws SQLException {
        update(c, "UPDATE watchdog_alert SET superseded = 1 WHERE id = ?", id);
    }

    public List<StoredAlert> list(Connection c, Filter filter, Level level, int limit, long afterId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM watchdog_alert WHERE id > ?");
        List<Object> args = new ArrayList<>(List.of(afterId));
        switch (filter) {
            case OPEN -> sql.append(" AND resolved_at IS NULL AND superseded = 0");
            case RESOLVED -> sql.append(" AND resolved_at IS NOT NULL");
            case ALL -> { }
        }
        if (level != null) {
            sql.append(" AND level = ?");
            args.add(level.name());
        }
        sql.append(" ORDER BY id LIMIT ?");
        args.add(limit);
        return many(c, sql.toString(), args.toArray());
    }

    /** Alerts not yet posted in any form, oldest first. */
    public List<StoredAlert> unposted(Connection c, int limit) throws SQLException {
        return many(c, "SELECT " + COLUMNS + " FROM watchdog_alert WHERE event_id IS NULL AND digest_id IS NULL ORDER BY id LIMIT ?", limit);
    }

    public long unpostedCount(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM watchdog_alert WHERE event_id IS NULL AND digest_id IS NULL");
    }

    /** Posted alerts with the flag set, oldest first. */
    public List<StoredAlert> flagged(Connection c, Flag flag, int limit) throws SQLException {
        return many(c, "SELECT " + COLUMNS + " FROM watchdog_alert WHERE " + flag.column + " = 1 "
                + "AND (event_id IS NOT NULL OR digest_id IS NOT NULL) ORDER BY id LIMIT ?", limit);
    }

    public void clear(Connection c, Flag flag, long id) throws SQLException {
        update(c, "UPDATE watchdog_alert SET " + flag.column + " = 0 WHERE id = ?", id);
    }

    public void markPosted(Connection c, long id, String eventId) throws SQLException {
        update(c, "UPDATE watchdog_alert SET event_id = ? WHERE id = ?", eventId, id);
        recordMessage(c, eventId, List.of(id));
    }

    public void setIncident(Connection c, long id, String incidentId) throws SQLException {
        update(c, "UPDATE watchdog_alert SET incident_id = ?, incident_pending = 0 WHERE id = ?", incidentId, id);
    }

    /** Open, unacknowledged, not yet escalated Critical alerts: the candidates for escalation. */
    public List<StoredAlert> escalationCandidates(Connection c) throws SQLException {
        return many(c, "SELECT " + COLUMNS + " FROM watchdog_alert WHERE level = 'CRITICAL' AND resolved_at IS NULL AND superseded = 0 "
                + "AND acked_at IS NULL AND escalated_at IS NULL ORDER BY id");
    }

    /** Marks the alert escalated (if it still qualifies) and queues the notice; false when it no longer qualifies. */
    public boolean markEscalated(Connection c, long id, Instant at) throws SQLException {
        return update(c, "UPDATE watchdog_alert SET escalated_at = ?, escalation_pending = 1 WHERE id = ? AND acked_at IS NULL "
                + "AND escalated_at IS NULL AND resolved_at IS NULL", at.toEpochMilli(), id) == 1;
    }

    /** Records an acknowledgement of those alerts not acknowledged before; returns their ids. */
    public List<Long> acknowledge(Connection c, Collection<Long> ids, String by, Instant at) throws SQLException {
        List<Long> done = new ArrayList<>();
        for (long id : ids) {
            if (update(c, "UPDATE watchdog_alert SET acked_by = ?, acked_at = ? WHERE id = ? AND acked_at IS NULL",
                    by, at.toEpochMilli(), id) == 1) {
                done.add(id);
            }
        }
        return done;
    }

    public void recordMessage(Connection c, String eventId, Collection<Long> alertIds) throws SQLException {
        for (long id : alertIds) {
            update(c, "INSERT INTO watchdog_message (event_id, alert_id) SELECT ?, ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM watchdog_message WHERE event_id = ? AND alert_id = ?)", eventId, id, eventId, id);
        }
    }

    /** The alerts a room message stands for (an alert's own message, a digest or an oversight copy). */
    public List<Long> alertsForMessage(Connection c, String eventId) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT alert_id FROM watchdog_message WHERE event_id = ? ORDER BY alert_id")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Fingerprints of the open alerts of {@code source} whose fingerprint starts with {@code prefix}. */
    public List<String> openFingerprints(Connection c, String source, String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "SELECT fingerprint FROM watchdog_alert WHERE source = ? AND resolved_at IS NULL "
                + "AND superseded = 0 ORDER BY id", source); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getString(1).startsWith(prefix)) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    public long openCount(Connection c, Level level) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM watchdog_alert WHERE resolved_at IS NULL AND superseded = 0 AND level = '" + level.name() + "'");
    }

    // ---- helpers shared with DigestStore

    static long nextId(Connection c, String table) throws SQLException {
        return count(c, "SELECT COALESCE(MAX(id), 0) + 1 FROM " + table);
    }

    static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private Optional<StoredAlert> one(Connection c, String sql, Object... args) throws SQLException {
        List<StoredAlert> l = many(c, sql, args);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    List<StoredAlert> many(Connection c, String sql, Object... args) throws SQLException {
        List<StoredAlert> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private StoredAlert row(ResultSet rs) throws SQLException {
        Instant resolvedAt = instant(rs, 17);
        IncomingAlert a = new IncomingAlert(rs.getString(2), rs.getString(3), rs.getString(4), Level.valueOf(rs.getString(5)),
                resolvedAt == null ? AlertStatus.FIRING : AlertStatus.RESOLVED, rs.getString(6),
                read(rs.getString(7), MAP), read(rs.getString(8), LIST));
        long digest = rs.getLong(13);
        Long digestId = rs.wasNull() ? null : digest;
        return new StoredAlert(rs.getLong(1), a, rs.getLong(9), instant(rs, 10), instant(rs, 11), rs.getString(12), digestId,
                rs.getString(14), instant(rs, 15), instant(rs, 16), resolvedAt, rs.getInt(18) != 0, rs.getString(19));
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String s, TypeReference<T> type) {
        try {
            return json.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert field is not JSON", e);
        }
    }
}
