package org.compliancebot.bot.app.dbcopy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.evidence.store.DiscussionIndex;
import org.compliancebot.bridge.store.NulFreeText;

/**
 * Copies the rows of one table from the source to the target connection, value by value as the target's column
 * types want them. The discussion search index is rebuilt through {@link DiscussionIndex} instead, because its
 * form differs between the engines (an FTS5 table on SQLite, a tsvector column on PostgreSQL).
 */
final class TableCopier {
    static final String SEARCH_TABLE = "evidence_search";
    private static final List<String> SEARCH_COLUMNS = List.of("event_id", "room_id", "sender", "origin_ts", "body");
    private static final int BATCH = 500;

    private final CopyProgress progress;
    private final Map<String, Long> nulTexts = new java.util.TreeMap<>();

    TableCopier(CopyProgress progress) {
        this.progress = progress;
    }

    /** Copies every row of {@code table}; returns how many. */
    long copy(Connection source, Connection target, DiscussionIndex targetIndex, String table) throws SQLException {
        long total = SchemaTables.count(source, table);
        progress.rows(table, 0, total);
        if (table.equals(SEARCH_TABLE)) {
            return copySearchIndex(source, target, targetIndex, total);
        }
        Map<String, Integer> targetColumns = SchemaTables.columns(target, table);
        Map<String, Integer> sourceColumns = SchemaTables.columns(source, table);
        if (!sourceColumns.keySet().equals(targetColumns.keySet())) {
            throw DbCopyException.refused("table " + table + " has the columns " + sourceColumns.keySet() + " in the source but "
                    + targetColumns.keySet() + " in the target; both must be at the same schema version");
        }
        List<String> names = new ArrayList<>(targetColumns.keySet());
        List<Integer> types = names.stream().map(targetColumns::get).toList();
        String list = String.join(", ", names);
        long done = 0;
        try (PreparedStatement read = source.prepareStatement("SELECT " + list + " FROM " + table);
             PreparedStatement write = target.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES ("
                     + String.join(", ", Collections.nCopies(names.size(), "?")) + ")");
             ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                for (int i = 0; i < names.size(); i++) {
                    bind(write, i + 1, rs, table + "." + names.get(i), types.get(i));
                }
                write.addBatch();
                if (++done % BATCH == 0) {
                    flush(write, table, done);
                    progress.rows(table, done, total);
                }
            }
            flush(write, table, done);
        }
        progress.rows(table, done, total);
        return done;
    }

    /**
     * Runs the batch. A failure is reported by the server's message only: the driver's own message quotes the
     * statement with its values, and a value may be a secret.
     */
    private static void flush(PreparedStatement write, String table, long done) throws SQLException {
        try {
            write.executeBatch();
        } catch (java.sql.BatchUpdateException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            String message = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("");
            throw DbCopyException.failed("writing table " + table + " failed near row " + done + " (SQL state "
                    + cause.getSQLState() + "): " + message);
        }
    }

    private long copySearchIndex(Connection source, Connection target, DiscussionIndex index, long total) throws SQLException {
        long done = 0;
        try (PreparedStatement read = source.prepareStatement("SELECT " + String.join(", ", SEARCH_COLUMNS) + " FROM " + SEARCH_TABLE);
             ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                index.index(target, rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5));
                if (++done % BATCH == 0) {
                    progress.rows(SEARCH_TABLE, done, total);
                }
            }
        }
        progress.rows(SEARCH_TABLE, done, total);
        return done;
    }

    /** Binds column {@code i} of the current row as the target type wants it; SQLite's loose typing is checked, not trusted. */
    private void bind(PreparedStatement ps, int i, ResultSet rs, String column, int type) throws SQLException {
        Object value = rs.getObject(i);
        if (value == null) {
            ps.setNull(i, type);
            return;
        }
        switch (type) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> ps.setLong(i, integer(value, column));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ps.setBytes(i, rs.getBytes(i));
            case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL -> ps.setDouble(i, rs.getDouble(i));
            default -> ps.setString(i, text(value, column));
        }
    }

    private String text(Object value, String column) {
        String s = value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : value.toString();
        String clean = NulFreeText.clean(s);
        if (clean != s) {
            // As the bot stores such text on PostgreSQL, which cannot hold the character.
            nulTexts.merge(column, 1L, Long::sum);
        }
        return clean;
    }

    /** Per column, how many texts held a NUL character and were written with U+FFFD in its place. */
    Map<String, Long> nulTexts() {
        return nulTexts;
    }

    private static long integer(Object value, String column) {
        if (value instanceof Number n && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw DbCopyException.failed(column + " holds a " + value.getClass().getSimpleName()
                    + " where the target wants an integer");
        }
    }
}
