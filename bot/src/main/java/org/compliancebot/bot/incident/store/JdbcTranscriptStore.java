package org.compliancebot.bot.incident.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.TranscriptRecord;
import org.compliancebot.bot.incident.TranscriptStore;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;

/** {@link TranscriptStore} on the {@code transcript_record} table; records keep the order they were added in. */
public final class JdbcTranscriptStore implements TranscriptStore {
    private final Database db;

    public JdbcTranscriptStore(Database db) {
        this.db = db;
    }

    @Override
    public int addAll(List<TranscriptRecord> records) {
        return db.inTransaction(c -> {
            int added = 0;
            for (TranscriptRecord r : records) {
                long seq;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COALESCE(MAX(seq), 0) + 1 FROM transcript_record WHERE incident_id = ?")) {
                    ps.setString(1, r.incidentId().toString());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        seq = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO transcript_record (incident_id, seq, room_id, "
                        + "event_id, event_type, sender, sender_device, origin_server_ts, received_at, decrypted, "
                        + "decryption_error, content, raw_event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (incident_id, event_id) DO NOTHING")) {
                    ps.setString(1, r.incidentId().toString());
                    ps.setLong(2, seq);
                    ps.setString(3, r.roomId().value());
                    ps.setString(4, r.eventId().value());
                    ps.setString(5, r.eventType());
                    ps.setString(6, r.sender().value());
                    ps.setString(7, r.senderDevice());
                    ps.setLong(8, r.originServerTs());
                    ps.setLong(9, r.receivedAt().toEpochMilli());
                    ps.setInt(10, r.decrypted() ? 1 : 0);
                    ps.setString(11, r.decryptionError());
                    ps.setString(12, r.contentJson());
                    ps.setString(13, r.rawJson());
                    added += ps.executeUpdate();
                }
            }
            return added;
        });
    }

    @Override
    public List<TranscriptRecord> records(IncidentId id) {
        return db.inTransaction(c -> {
            List<TranscriptRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT room_id, event_id, event_type, sender, sender_device, "
                    + "origin_server_ts, received_at, decrypted, decryption_error, content, raw_event FROM transcript_record "
                    + "WHERE incident_id = ? ORDER BY seq")) {
                ps.setString(1, id.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new TranscriptRecord(id, RoomId.of(rs.getString(1)), EventId.of(rs.getString(2)),
                                rs.getString(3), UserId.of(rs.getString(4)), rs.getString(5), rs.getLong(6),
                                Instant.ofEpochMilli(rs.getLong(7)), rs.getInt(8) == 1, rs.getString(9), rs.getString(10),
                                rs.getString(11)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public int count(IncidentId id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM transcript_record WHERE incident_id = ?")) {
                ps.setString(1, id.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
