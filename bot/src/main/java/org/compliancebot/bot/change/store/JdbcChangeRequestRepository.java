package org.compliancebot.bot.change.store;

import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeRequestRepository;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.CrKind;
import org.compliancebot.bot.change.DraftId;
import org.compliancebot.bridge.store.Database;

/**
 * Change requests in the {@code change_request} table, one JSON document per request. Every call
 * runs in {@link Database#inTransaction}, so inside a caller's transaction (a sync batch) it joins it.
 */
public final class JdbcChangeRequestRepository implements ChangeRequestRepository {
    private final Database db;

    public JdbcChangeRequestRepository(Database db) {
        this.db = db;
    }

    @Override
    public void save(ChangeRequest cr) {
        String doc = ChangeJson.write(cr);
        db.inTransactionVoid(c -> {
            Rows.Binder values = ps -> {
                ps.setString(1, cr.id() == null ? null : cr.id().toString());
                ps.setString(2, cr.state().name());
                ps.setString(3, doc);
                ps.setLong(4, cr.ref().number());
            };
            if (Rows.update(c, "UPDATE change_request SET cr_id = ?, state = ?, document = ? WHERE ref = ?", values) == 0) {
                Rows.update(c, "INSERT INTO change_request (cr_id, state, document, ref, created_at) VALUES (?, ?, ?, ?, ?)",
                        ps -> {
                            values.bind(ps);
                            ps.setString(5, cr.createdAt().toString());
                        });
            }
        });
    }

    @Override
    public Optional<ChangeRequest> byRef(DraftId ref) {
        return db.inTransaction(c -> Rows.one(c, "SELECT document FROM change_request WHERE ref = ?",
                ps -> ps.setLong(1, ref.number()), rs -> ChangeJson.read(rs.getString(1), ChangeRequest.class)));
    }

    @Override
    public Optional<ChangeRequest> byId(CrId id) {
        return db.inTransaction(c -> Rows.one(c, "SELECT document FROM change_request WHERE cr_id = ?",
                ps -> ps.setString(1, id.toString()), rs -> ChangeJson.read(rs.getString(1), ChangeRequest.class)));
    }

    @Override
    public List<ChangeRequest> all() {
        return db.inTransaction(c -> Rows.list(c, "SELECT document FROM change_request ORDER BY ref", ps -> { },
                rs -> ChangeJson.read(rs.getString(1), ChangeRequest.class)));
    }

    @Override
    public long nextDraftNumber() {
        return db.inTransaction(c -> Rows.nextCounter(c, "draft"));
    }

    @Override
    public int nextSequence(CrKind kind, int year) {
        return db.inTransaction(c -> (int) Rows.nextCounter(c, "cr/" + kind.name() + "/" + year));
    }
}
