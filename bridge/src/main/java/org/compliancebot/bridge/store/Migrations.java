package org.compliancebot.bridge.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbered SQL migrations, one set per module, shared by SQLite and PostgreSQL.
 *
 * <p>Migration {@code n} of module {@code m} is the classpath resource {@code db/m/NNN.sql}, or
 * {@code db/m/NNN.<dialect>.sql} when a dialect needs its own text. Numbers start at 001 and have no gaps;
 * the first missing number ends the set. Applied versions are kept in {@code schema_version}.
 * Each migration runs in its own transaction together with its version row.
 */
public final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {}

    /** Applies the module's pending migrations and returns the version now in force. */
    public static int migrate(Database db, String module, ClassLoader loader) {
        db.inTransactionVoid(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "module VARCHAR(64) NOT NULL PRIMARY KEY, version INTEGER NOT NULL)");
            }
        });
        int current = db.inTransaction(c -> currentVersion(c, module));
        int version = current;
        while (true) {
            int next = version + 1;
            String sql = load(loader, module, next, db.dialect());
            if (sql == null) {
                break;
            }
            final int target = next;
            db.inTransactionVoid(c -> {
                for (String statement : split(sql)) {
                    try (Statement s = c.createStatement()) {
                        s.execute(statement);
                    }
                }
                setVersion(c, module, target);
            });
            log.info("Applied migration {} {}", module, String.format("%03d", next));
            version = next;
        }
        return version;
    }

    /** The number of the last migration of {@code module} that {@code loader} holds for {@code dialect} (0 when none). */
    public static int latest(String module, Dialect dialect, ClassLoader loader) {
        int n = 0;
        while (load(loader, module, n + 1, dialect) != null) {
            n++;
        }
        return n;
    }

    /** The version of {@code module} applied to the database on {@code c}, 0 when none was. */
    public static int currentVersion(Connection c, String module) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM schema_version WHERE module = ?")) {
            ps.setString(1, module);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void setVersion(Connection c, String module, int version) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE schema_version SET version = ? WHERE module = ?")) {
            up.setInt(1, version);
            up.setString(2, module);
            if (up.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO schema_version (module, version) VALUES (?, ?)")) {
            ins.setString(1, module);
            ins.setInt(2, version);
            ins.executeUpdate();
        }
    }

    private static String load(ClassLoader loader, String module, int number, Dialect dialect) {
        String base = String.format("db/%s/%03d", module, number);
        for (String name : List.of(base + "." + dialect.suffix() + ".sql", base + ".sql")) {
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new StoreException("cannot read migration " + name, e);
            }
        }
        return null;
    }

    /** Splits a script on semicolons at line ends; comments starting with -- are dropped. */
    static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String stmt = current.toString().strip();
                out.add(stmt.substring(0, stmt.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
