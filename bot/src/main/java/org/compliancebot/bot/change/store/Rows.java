package org.compliancebot.bot.change.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers shared by the change repositories. */
final class Rows {
    private Rows() {}

    /** Reads one row into a value. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Binds the parameters of a statement. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    static <T> List<T> list(Connection c, String sql, Binder binder, RowReader<T> reader) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
        }
        return out;
    }

    static <T> Optional<T> one(Connection c, String sql, Binder binder, RowReader<T> reader) throws SQLException {
        List<T> all = list(c, sql, binder, reader);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    /** The next value of an append-only table's {@code seq}; callers hold the transaction, so it is unique. */
    static long nextSeq(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Increments the named counter (starting at 1) and returns its new value. */
    static long nextCounter(Connection c, String name) throws SQLException {
        if (update(c, "UPDATE change_counter SET value = value + 1 WHERE name = ?", ps -> ps.setString(1, name)) == 0) {
            update(c, "INSERT INTO change_counter (name, value) VALUES (?, 1)", ps -> ps.setString(1, name));
            return 1;
        }
        return one(c, "SELECT value FROM change_counter WHERE name = ?", ps -> ps.setString(1, name), rs -> rs.getLong(1))
                .orElseThrow();
    }
}
