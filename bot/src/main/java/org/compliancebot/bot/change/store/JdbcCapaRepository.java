package org.compliancebot.bot.change.store;

import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.change.Capa;
import org.compliancebot.bot.change.CapaId;
import org.compliancebot.bot.change.CapaRepository;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bridge.store.Database;

/** Corrective actions in the {@code capa} table, one JSON document each. */
public final class JdbcCapaRepository implements CapaRepository {
    private final Database db;

    public JdbcCapaRepository(Database db) {
        this.db = db;
    }

    @Override
    public void save(Capa capa) {
        String doc = ChangeJson.write(capa);
        db.inTransactionVoid(c -> {
            if (Rows.update(c, "UPDATE capa SET document = ? WHERE id = ?", ps -> {
                ps.setString(1, doc);
                ps.setString(2, capa.id().toString());
            }) == 0) {
                long seq = Rows.nextSeq(c, "capa");
                Rows.update(c, "INSERT INTO capa (id, cr_id, seq, document) VALUES (?, ?, ?, ?)", ps -> {
                    ps.setString(1, capa.id().toString());
                    ps.setString(2, capa.crId().toString());
                    ps.setLong(3, seq);
                    ps.setString(4, doc);
                });
            }
        });
    }

    @Override
    public Optional<Capa> byId(CapaId id) {
        return db.inTransaction(c -> Rows.one(c, "SELECT document FROM capa WHERE id = ?", ps -> ps.setString(1, id.toString()),
                rs -> ChangeJson.read(rs.getString(1), Capa.class)));
    }

    @Override
    public List<Capa> forChangeRequest(CrId crId) {
        return db.inTransaction(c -> Rows.list(c, "SELECT document FROM capa WHERE cr_id = ? ORDER BY seq",
                ps -> ps.setString(1, crId.toString()), rs -> ChangeJson.read(rs.getString(1), Capa.class)));
    }

    @Override
    public List<Capa> all() {
        return db.inTransaction(c -> Rows.list(c, "SELECT document FROM capa ORDER BY seq", ps -> { },
                rs -> ChangeJson.read(rs.getString(1), Capa.class)));
    }

    @Override
    public int nextSequence(int year) {
        return db.inTransaction(c -> (int) Rows.nextCounter(c, "capa/" + year));
    }
}
