package org.compliancebot.bridge.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.RoomId;

/** The sync engine's tables: position, processed events and per-room cursors. All calls join the caller's transaction. */
final class SyncStore {
    private static final String POSITION = "next_batch";
    private static final int IN_CHUNK = 400;

    Optional<String> position(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM sync_state WHERE name = ?")) {
            ps.setString(1, POSITION);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    void savePosition(Connection c, String nextBatch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sync_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, POSITION);
            ps.setString(2, nextBatch);
            ps.executeUpdate();
        }
    }

    /** Which of {@code eventIds} were handed over before. */
    Set<String> alreadyProcessed(Connection c, Collection<String> eventIds) throws SQLException {
        Set<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>(eventIds);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id FROM processed_event WHERE event_id IN (" + marks + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seen.add(rs.getString(1));
                    }
                }
            }
        }
        return seen;
    }

    void markProcessed(Connection c, List<RoomEvent> events, long now) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO processed_event (event_id, room_id, processed_at) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
            for (RoomEvent e : events) {
                ps.setString(1, e.eventId().value());
                ps.setString(2, e.roomId().value());
                ps.setLong(3, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // The cursor of each room moves to its newest event in this batch.
        java.util.Map<RoomId, RoomEvent> newest = new java.util.LinkedHashMap<>();
        for (RoomEvent e : events) {
            newest.put(e.roomId(), e);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO room_cursor (room_id, last_event_id, last_ts) VALUES (?, ?, ?) "
                        + "ON CONFLICT (room_id) DO UPDATE SET last_event_id = excluded.last_event_id, last_ts = excluded.last_ts")) {
            for (RoomEvent e : newest.values()) {
                ps.setString(1, e.roomId().value());
                ps.setString(2, e.eventId().value());
                ps.setLong(3, e.originServerTs());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    Optional<String> lastEventId(Connection c, RoomId room) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_event_id FROM room_cursor WHERE room_id = ?")) {
            ps.setString(1, room.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
