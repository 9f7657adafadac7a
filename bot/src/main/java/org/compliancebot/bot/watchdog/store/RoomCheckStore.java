package org.compliancebot.bot.watchdog.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The latest room self-check results, and message counts from the bot's record of received events. */
public final class RoomCheckStore {
    /** Coverage of the managed rooms, in percent; both 100 when there are no rooms. */
    public record Coverage(int rooms, double encryptedPercent, double retentionPercent) {}

    public void record(Connection c, String roomId, boolean encrypted, boolean retention, Instant at) throws SQLException {
        AlertStore.update(c, "DELETE FROM watchdog_room_check WHERE room_id = ?", roomId);
        AlertStore.update(c, "INSERT INTO watchdog_room_check (room_id, encrypted, retention, checked_at) VALUES (?, ?, ?, ?)",
                roomId, encrypted ? 1 : 0, retention ? 1 : 0, at.toEpochMilli());
    }

    /** Forgets rooms no longer managed. */
    public void retainOnly(Connection c, java.util.Collection<String> roomIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT room_id FROM watchdog_room_check"); ResultSet rs = ps.executeQuery()) {
            java.util.List<String> gone = new java.util.ArrayList<>();
            while (rs.next()) {
                if (!roomIds.contains(rs.getString(1))) {
                    gone.add(rs.getString(1));
                }
            }
            for (String g : gone) {
                AlertStore.update(c, "DELETE FROM watchdog_room_check WHERE room_id = ?", g);
            }
        }
    }

    /** Empty when no room has been checked yet. */
    public java.util.Optional<Coverage> coverage(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(encrypted), 0), COALESCE(SUM(retention), 0) FROM watchdog_room_check");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            int n = rs.getInt(1);
            if (n == 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Coverage(n, 100.0 * rs.getInt(2) / n, 100.0 * rs.getInt(3) / n));
        }
    }

    /** Room messages (plain or encrypted) received per room since {@code now - window}. */
    public Map<String, Long> messagesPerRoom(Connection c, Instant now, Duration window) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT room_id, COUNT(*) FROM received_event WHERE origin_ts >= ? "
                + "AND event_type IN ('m.room.message', 'm.room.encrypted') GROUP BY room_id")) {
            ps.setLong(1, now.minus(window).toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }
}
