package org.compliancebot.bot.change.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.compliancebot.bot.change.ChangeLog;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.DraftId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;

/** The change log in the append-only {@code change_log} table. */
public final class JdbcChangeLog implements ChangeLog {
    private static final String SELECT = "SELECT ref, cr_id, at, actor, kind, from_state, to_state, reason FROM change_log ";

    private final Database db;

    public JdbcChangeLog(Database db) {
        this.db = db;
    }

    @Override
    public void append(ChangeLogEntry e) {
        db.inTransactionVoid(c -> {
            long seq = Rows.nextSeq(c, "change_log");
            Rows.update(c, "INSERT INTO change_log (seq, ref, cr_id, at, actor, kind, from_state, to_state, reason)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                        ps.setLong(1, seq);
                        ps.setLong(2, e.ref().number());
                        ps.setString(3, e.crId() == null ? null : e.crId().toString());
                        ps.setString(4, e.at().toString());
                        ps.setString(5, e.actor().value());
                        ps.setString(6, e.kind().name());
                        ps.setString(7, e.from() == null ? null : e.from().name());
                        ps.setString(8, e.to() == null ? null : e.to().name());
                        ps.setString(9, e.reason());
                    });
        });
    }

    @Override
    public List<ChangeLogEntry> forRequest(DraftId ref) {
        return db.inTransaction(c -> Rows.list(c, SELECT + "WHERE ref = ? ORDER BY seq", ps -> ps.setLong(1, ref.number()),
                JdbcChangeLog::entry));
    }

    @Override
    public List<ChangeLogEntry> all() {
        return db.inTransaction(c -> Rows.list(c, SELECT + "ORDER BY seq", ps -> { }, JdbcChangeLog::entry));
    }

    private static ChangeLogEntry entry(ResultSet rs) throws SQLException {
        String crId = rs.getString(2);
        String from = rs.getString(6);
        String to = rs.getString(7);
        return new ChangeLogEntry(new DraftId(rs.getLong(1)), crId == null ? null : CrId.parse(crId),
                Instant.parse(rs.getString(3)), UserId.of(rs.getString(4)), ChangeLogEntry.Kind.valueOf(rs.getString(5)),
                from == null ? null : CrState.valueOf(from), to == null ? null : CrState.valueOf(to), rs.getString(8));
    }
}
