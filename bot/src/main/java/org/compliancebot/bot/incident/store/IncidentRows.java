package org.compliancebot.bot.incident.store;

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
import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.incident.ClosingStep;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.IncidentStatus;
import org.compliancebot.bot.incident.OpeningStep;
import org.compliancebot.bot.incident.Severity;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.StoreException;

/** The SQL of the {@code incident} table: one row per incident, mapped to and from {@link Incident}. */
final class IncidentRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, day, seq, title, severity, controls, description, links, status, created_by, "
            + "created_at, source_key, room_id, opening_step, report_event_id, topic_severity, closing_step, last_error, "
            + "response_by, response_at, response_event_id, resolution, resolved_by, resolved_at, close_requested_by, "
            + "close_requested_at, closed_at";

    private IncidentRows() {}

    static int nextSequence(Connection c, String day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM incident WHERE day = ?")) {
            ps.setString(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static void insert(Connection c, Incident i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, i.id().toString());
            ps.setString(2, i.id().day().toString());
            ps.setInt(3, i.id().sequence());
            ps.setString(4, i.title());
            ps.setString(5, i.severity().name());
            ps.setString(6, json(i.violatedControls()));
            ps.setString(7, i.description());
            ps.setString(8, json(i.links()));
            ps.setString(9, i.status().name());
            ps.setString(10, i.createdBy());
            ps.setLong(11, i.createdAt().toEpochMilli());
            ps.setString(12, i.sourceKey());
            bindMutable(ps, 13, i);
            ps.executeUpdate();
        }
    }

    static void update(Connection c, Incident i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE incident SET severity = ?, status = ?, room_id = ?, "
                + "opening_step = ?, report_event_id = ?, topic_severity = ?, closing_step = ?, last_error = ?, "
                + "response_by = ?, response_at = ?, response_event_id = ?, resolution = ?, resolved_by = ?, "
                + "resolved_at = ?, close_requested_by = ?, close_requested_at = ?, closed_at = ? WHERE id = ?")) {
            ps.setString(1, i.severity().name());
            ps.setString(2, i.status().name());
            bindMutable(ps, 3, i);
            ps.setString(18, i.id().toString());
            if (ps.executeUpdate() != 1) {
                throw new StoreException("no incident " + i.id() + " to update");
            }
        }
    }

    /** Binds room_id .. closed_at (15 columns) from {@code first}. */
    private static void bindMutable(PreparedStatement ps, int first, Incident i) throws SQLException {
        Incident.Room r = i.room();
        int p = first;
        ps.setString(p++, r.roomId() == null ? null : r.roomId().value());
        ps.setString(p++, r.opening().name());
        ps.setString(p++, r.reportEventId() == null ? null : r.reportEventId().value());
        ps.setString(p++, r.topicSeverity().name());
        ps.setString(p++, r.closing() == null ? null : r.closing().name());
        ps.setString(p++, r.lastError());
        Incident.Response resp = i.response();
        ps.setString(p++, resp == null ? null : resp.by().value());
        setLong(ps, p++, resp == null ? null : resp.at().toEpochMilli());
        ps.setString(p++, resp == null || resp.eventId() == null ? null : resp.eventId().value());
        Incident.Resolution res = i.resolution();
        ps.setString(p++, res == null ? null : res.summary());
        ps.setString(p++, res == null ? null : res.by().value());
        setLong(ps, p++, res == null ? null : res.at().toEpochMilli());
        Incident.Closure cl = i.closure();
        ps.setString(p++, cl == null ? null : cl.by().value());
        setLong(ps, p++, cl == null ? null : cl.requestedAt().toEpochMilli());
        setLong(ps, p, cl == null || cl.closedAt() == null ? null : cl.closedAt().toEpochMilli());
    }

    static Optional<Incident> selectOne(Connection c, String where, String value) throws SQLException {
        List<Incident> l = select(c, where, value);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Rows matching {@code where} (with at most one {@code ?}, bound to {@code value} when not null), newest first. */
    static List<Incident> select(Connection c, String where, String value) throws SQLException {
        List<Incident> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM incident"
                + (where == null ? "" : " WHERE " + where) + " ORDER BY day DESC, seq DESC")) {
            if (value != null) {
                ps.setString(1, value);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
        }
        return out;
    }

    private static Incident map(ResultSet rs) throws SQLException {
        Incident.Room room = new Incident.Room(
                rs.getString("room_id") == null ? null : RoomId.of(rs.getString("room_id")),
                OpeningStep.valueOf(rs.getString("opening_step")),
                rs.getString("report_event_id") == null ? null : EventId.of(rs.getString("report_event_id")),
                Severity.valueOf(rs.getString("topic_severity")),
                rs.getString("closing_step") == null ? null : ClosingStep.valueOf(rs.getString("closing_step")),
                rs.getString("last_error"));
        Incident.Response response = rs.getString("response_by") == null ? null : new Incident.Response(
                UserId.of(rs.getString("response_by")), instant(rs, "response_at"),
                rs.getString("response_event_id") == null ? null : EventId.of(rs.getString("response_event_id")));
        Incident.Resolution resolution = rs.getString("resolved_by") == null ? null : new Incident.Resolution(
                rs.getString("resolution"), UserId.of(rs.getString("resolved_by")), instant(rs, "resolved_at"));
        Incident.Closure closure = rs.getString("close_requested_by") == null ? null : new Incident.Closure(
                UserId.of(rs.getString("close_requested_by")), instant(rs, "close_requested_at"), instant(rs, "closed_at"));
        return new Incident(IncidentId.parse(rs.getString("id")), rs.getString("title"),
                Severity.valueOf(rs.getString("severity")), list(rs.getString("controls")), rs.getString("description"),
                list(rs.getString("links")), IncidentStatus.valueOf(rs.getString("status")), rs.getString("created_by"),
                instant(rs, "created_at"), rs.getString("source_key"), room, response, resolution, closure);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static String json(List<String> items) {
        try {
            return JSON.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new StoreException("stored incident list is not JSON: " + e.getOriginalMessage());
        }
    }
}
