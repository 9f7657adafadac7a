package org.compliancebot.bot.evidence.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SQL that selects records by room, for reading the log with each reader's room access applied. Every
 * method runs in the caller's transaction and only reads.
 */
public final class RoomQueries {
    private RoomQueries() {}

    /** The rooms that have records. */
    public static List<String> rooms(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT room_id FROM evidence_record ORDER BY room_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The sequence numbers of the newest {@code limit} records of these rooms, ascending. */
    public static List<Long> newestSeqsInRooms(Connection c, List<String> rooms, int limit) throws SQLException {
        if (rooms.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(rooms.size(), "?"));
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM evidence_record WHERE room_id IN (" + marks
                + ") ORDER BY seq DESC LIMIT ?")) {
            for (int i = 0; i < rooms.size(); i++) {
                ps.setString(i + 1, rooms.get(i));
            }
            ps.setInt(rooms.size() + 1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(0, rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** The room of each of these records, in their order. */
    public static List<String> roomsOf(Connection c, List<Long> seqs) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT room_id FROM evidence_record WHERE seq = ?")) {
            for (long s : seqs) {
                ps.setLong(1, s);
                try (ResultSet rs = ps.executeQuery()) {
                    out.add(rs.next() ? rs.getString(1) : null);
                }
            }
        }
        return out;
    }
}
