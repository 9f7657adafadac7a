package org.compliancebot.bot.change.store;

import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.ApprovalRequestId;
import org.compliancebot.bot.oversight.ApprovalRequestRepository;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.store.Database;

/** Approval requests in the {@code approval_request} table, one JSON document each, ordered by creation. */
public final class JdbcApprovalRequestRepository implements ApprovalRequestRepository {
    private static final String SELECT = "SELECT document FROM approval_request ";

    private final Database db;

    public JdbcApprovalRequestRepository(Database db) {
        this.db = db;
    }

    @Override
    public void save(ApprovalRequest r) {
        String doc = ChangeJson.write(r);
        db.inTransactionVoid(c -> {
            Rows.Binder values = ps -> {
                ps.setString(1, r.status().name());
                ps.setString(2, r.postedEventId() == null ? null : r.postedEventId().value());
                ps.setString(3, doc);
                ps.setString(4, r.id().value());
            };
            if (Rows.update(c, "UPDATE approval_request SET status = ?, posted_event_id = ?, document = ? WHERE id = ?",
                    values) == 0) {
                long seq = Rows.nextSeq(c, "approval_request");
                Rows.update(c, "INSERT INTO approval_request (status, posted_event_id, document, id, cr_id, seq)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", ps -> {
                            values.bind(ps);
                            ps.setString(5, r.crId().toString());
                            ps.setLong(6, seq);
                        });
            }
        });
    }

    @Override
    public Optional<ApprovalRequest> byId(ApprovalRequestId id) {
        return db.inTransaction(c -> Rows.one(c, SELECT + "WHERE id = ?", ps -> ps.setString(1, id.value()),
                rs -> ChangeJson.read(rs.getString(1), ApprovalRequest.class)));
    }

    @Override
    public Optional<ApprovalRequest> byPostedEvent(EventId event) {
        return db.inTransaction(c -> Rows.one(c, SELECT + "WHERE posted_event_id = ?", ps -> ps.setString(1, event.value()),
                rs -> ChangeJson.read(rs.getString(1), ApprovalRequest.class)));
    }

    @Override
    public List<ApprovalRequest> forChangeRequest(CrId crId) {
        return db.inTransaction(c -> Rows.list(c, SELECT + "WHERE cr_id = ? ORDER BY seq", ps -> ps.setString(1, crId.toString()),
                rs -> ChangeJson.read(rs.getString(1), ApprovalRequest.class)));
    }

    @Override
    public List<ApprovalRequest> pending() {
        return db.inTransaction(c -> Rows.list(c, SELECT + "WHERE status = 'PENDING' ORDER BY seq", ps -> { },
                rs -> ChangeJson.read(rs.getString(1), ApprovalRequest.class)));
    }
}
