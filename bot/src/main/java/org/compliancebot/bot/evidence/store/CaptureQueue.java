package org.compliancebot.bot.evidence.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Events of monitored rooms that are to become evidence, waiting until their federation form (with the
 * server's hashes) has been fetched. Queued inside the sync transaction, so none is lost in a crash.
 */
public final class CaptureQueue {
    /**
     * One waiting event.
     *
     * @param cleartext the decryption sync made of an encrypted event (JSON), or null
     */
    public record Item(String eventId, String roomId, int attempts, String cleartext) {}

    public void add(Connection c, String eventId, String roomId, long now) throws SQLException {
        add(c, eventId, roomId, now, null);
    }

    /** Queues an event with the cleartext sync decrypted ({@code cleartextJson} may be null). */
    public void add(Connection c, String eventId, String roomId, long now, String cleartextJson) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM evidence_capture_queue WHERE event_id = ?")) {
            exists.setString(1, eventId);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO evidence_capture_queue (event_id, room_id, queued_at, attempts, cleartext) VALUES (?, ?, ?, 0, ?)")) {
            ps.setString(1, eventId);
            ps.setString(2, roomId);
            ps.setLong(3, now);
            ps.setString(4, cleartextJson);
            ps.executeUpdate();
        }
    }

    public List<Item> pending(Connection c, int limit) throws SQLException {
        List<Item> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT event_id, room_id, attempts, cleartext FROM evidence_capture_queue ORDER BY queued_at LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Item(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    public void done(Connection c, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM evidence_capture_queue WHERE event_id = ?")) {
            ps.setString(1, eventId);
            ps.executeUpdate();
        }
    }

    public void failedAttempt(Connection c, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE evidence_capture_queue SET attempts = attempts + 1 WHERE event_id = ?")) {
            ps.setString(1, eventId);
            ps.executeUpdate();
        }
    }
}
