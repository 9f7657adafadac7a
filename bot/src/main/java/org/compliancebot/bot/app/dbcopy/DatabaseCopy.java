package org.compliancebot.bot.app.dbcopy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.compliancebot.bot.evidence.store.DiscussionIndex;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;

/**
 * Copies the bot's whole store from one database to another (typically a SQLite file to PostgreSQL), for a
 * bot that is stopped.
 *
 * <p>Contract: the source is only read. The target must hold no rows; it gets the schema of this version (its
 * migrations) and then every table of the source, in foreign-key order, in one transaction that commits only
 * after the row count of every table and the evidence ledger (Merkle root recomputed from the records, and the
 * signed tree heads) were found equal to the source's. Any failure rolls the copy back and leaves the target
 * with its empty schema, so the command can simply be run again. The source must be at this version's schema:
 * an older one is refused (start the bot of this version on it once), as is a newer one.
 */
public final class DatabaseCopy {
    /** The modules whose migrations make the bot's schema. */
    static final List<String> MODULES = List.of("bridge", "bot", "change", "incident", "watchdog", "evidence");

    private final Database source;
    private final Database target;
    private final CopyProgress progress;

    public DatabaseCopy(Database source, Database target, CopyProgress progress) {
        this.source = source;
        this.target = target;
        this.progress = progress;
    }

    /** What was copied: rows per table (in copy order) and the ledger comparison, when the source has a ledger. */
    public record Result(Map<String, Long> rows, Optional<Long> ledgerRecords, Optional<String> ledgerRoot, int signedHeads) {
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Runs the copy.
     *
     * @throws DbCopyException when refused (nothing written) or when the copy failed (rolled back)
     */
    public Result run() {
        Set<String> sourceTables = source.inTransaction(c -> SchemaTables.tables(c, source.dialect()));
        checkSourceVersions(sourceTables);
        refuseNonEmptyTarget();
        ClassLoader loader = DatabaseCopy.class.getClassLoader();
        for (String module : MODULES) {
            Migrations.migrate(target, module, loader);
        }
        progress.step("Target schema is at this version (" + String.join(", ", MODULES) + ")");
        Set<String> targetTables = target.inTransaction(c -> SchemaTables.tables(c, target.dialect()));
        Set<String> unknown = new TreeSet<>(sourceTables);
        unknown.removeAll(targetTables);
        if (!unknown.isEmpty()) {
            throw DbCopyException.refused("the source has tables this version does not know: " + unknown);
        }
        return target.inTransaction(tx -> source.inTransaction(src -> copyAll(src, tx, sourceTables)));
    }

    private Result copyAll(Connection src, Connection tx, Set<String> sourceTables) throws SQLException {
        Set<String> tables = new TreeSet<>(sourceTables);
        tables.remove(SchemaTables.SCHEMA_VERSION);
        TableCopier copier = new TableCopier(progress);
        DiscussionIndex index = new DiscussionIndex(target);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : SchemaTables.dependencyOrder(tx, tables)) {
            rows.put(table, copier.copy(src, tx, index, table));
        }
        copier.nulTexts().forEach((column, count) -> progress.step(column + ": " + count + (count == 1 ? " text" : " texts")
                + " held a NUL character, which PostgreSQL cannot store; written with U+FFFD in its place, as the bot does"));
        List<String> mismatches = new ArrayList<>();
        for (String table : rows.keySet()) {
            long from = SchemaTables.count(src, table);
            long to = SchemaTables.count(tx, table);
            if (from != to) {
                mismatches.add(table + " (source " + from + ", target " + to + ")");
            }
        }
        if (!mismatches.isEmpty()) {
            throw DbCopyException.failed("row counts differ after the copy: " + String.join(", ", mismatches));
        }
        progress.step("Row counts match in " + rows.size() + " tables");
        if (!tables.contains("evidence_record")) {
            return new Result(rows, Optional.empty(), Optional.empty(), 0);
        }
        LedgerComparison.Result ledger = LedgerComparison.compare(src, target, tx);
        progress.step("Evidence ledger matches: " + ledger.records() + " records, root " + ledger.root() + ", "
                + ledger.heads() + " signed tree heads verify");
        return new Result(rows, Optional.of(ledger.records()), Optional.of(ledger.root()), ledger.heads());
    }

    private void checkSourceVersions(Set<String> sourceTables) {
        if (!sourceTables.contains(SchemaTables.SCHEMA_VERSION)) {
            throw DbCopyException.refused("the source has no schema_version table: it is not a database of the bot");
        }
        ClassLoader loader = DatabaseCopy.class.getClassLoader();
        Map<String, Integer> versions = source.inTransaction(c -> {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (String module : MODULES) {
                out.put(module, Migrations.currentVersion(c, module));
            }
            return out;
        });
        for (var e : versions.entrySet()) {
            int latest = Migrations.latest(e.getKey(), source.dialect(), loader);
            if (e.getValue() != 0 && e.getValue() < latest) {
                throw DbCopyException.refused("the source's " + e.getKey() + " schema is at version " + e.getValue()
                        + ", this version of the bot has " + latest + ": start this version of the bot on the source once "
                        + "(it upgrades the schema), stop it, then copy");
            }
            if (e.getValue() > latest) {
                throw DbCopyException.refused("the source's " + e.getKey() + " schema is at version " + e.getValue()
                        + ", newer than this version of the bot (" + latest + "): copy with the version that wrote it");
            }
        }
        progress.step("Source schema versions: " + versions);
    }

    private void refuseNonEmptyTarget() {
        List<String> filled = target.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            for (String table : SchemaTables.tables(c, target.dialect())) {
                long n = table.equals(SchemaTables.SCHEMA_VERSION) ? 0 : SchemaTables.count(c, table);
                if (n > 0) {
                    out.add(table + " (" + n + " rows)");
                }
            }
            return out;
        });
        if (!filled.isEmpty()) {
            throw DbCopyException.refused("the target is not empty: " + String.join(", ", filled)
                    + "; copy into a new, empty database");
        }
    }
}
