package org.compliancebot.bot.change.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.oversight.ApprovalRequestId;
import org.compliancebot.bot.oversight.DecisionEvidence;
import org.compliancebot.bot.oversight.EvidenceSink;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;

/**
 * Decision evidence in the append-only {@code decision_evidence} table: room, event, sender, device,
 * verification state, text, time and outcome of every decision message, counted or not.
 */
public final class JdbcDecisionEvidence implements EvidenceSink {
    private static final String SELECT = "SELECT approval_request_id, cr_id, room_id, event_id, sender, device_id,"
            + " cross_signed, identity, text, at, outcome FROM decision_evidence ";

    private final Database db;
    private final Clock clock;

    public JdbcDecisionEvidence(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void record(DecisionEvidence e) {
        db.inTransactionVoid(c -> {
            long seq = Rows.nextSeq(c, "decision_evidence");
            Rows.update(c, "INSERT INTO decision_evidence (seq, approval_request_id, cr_id, room_id, event_id, sender,"
                    + " device_id, cross_signed, identity, text, at, outcome, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                        ps.setLong(1, seq);
                        ps.setString(2, e.approvalRequestId());
                        ps.setString(3, e.crId());
                        ps.setString(4, e.roomId() == null ? null : e.roomId().value());
                        ps.setString(5, e.eventId().value());
                        ps.setString(6, e.sender().value());
                        ps.setString(7, e.device() == null ? null : e.device().value());
                        ps.setInt(8, e.deviceCrossSigned() ? 1 : 0);
                        ps.setString(9, e.identity());
                        ps.setString(10, e.text());
                        ps.setString(11, e.at().toString());
                        ps.setString(12, e.outcome());
                        ps.setString(13, clock.instant().toString());
                    });
        });
    }

    /** All records, in the order they were written. */
    public List<DecisionEvidence> all() {
        return db.inTransaction(c -> Rows.list(c, SELECT + "ORDER BY seq", ps -> { }, JdbcDecisionEvidence::row));
    }

    /** The records of one approval request, in order. */
    public List<DecisionEvidence> forRequest(ApprovalRequestId id) {
        return db.inTransaction(c -> Rows.list(c, SELECT + "WHERE approval_request_id = ? ORDER BY seq",
                ps -> ps.setString(1, id.value()), JdbcDecisionEvidence::row));
    }

    /** The approval request a decision message (by its event) was evaluated for, if it was. */
    public Optional<ApprovalRequestId> requestOfDecisionEvent(EventId event) {
        return db.inTransaction(c -> Rows.one(c, "SELECT approval_request_id FROM decision_evidence WHERE event_id = ?"
                        + " AND outcome <> 'decision-edit-ignored' ORDER BY seq",
                ps -> ps.setString(1, event.value()), rs -> new ApprovalRequestId(rs.getString(1))));
    }

    private static DecisionEvidence row(ResultSet rs) throws SQLException {
        String room = rs.getString(3);
        String device = rs.getString(6);
        return new DecisionEvidence(rs.getString(1), rs.getString(2), room == null ? null : RoomId.of(room),
                EventId.of(rs.getString(4)), UserId.of(rs.getString(5)), device == null ? null : DeviceId.of(device),
                rs.getInt(7) == 1, rs.getString(8), rs.getString(9), Instant.parse(rs.getString(10)), rs.getString(11));
    }
}
