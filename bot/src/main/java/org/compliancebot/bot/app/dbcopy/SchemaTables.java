package org.compliancebot.bot.app.dbcopy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.compliancebot.bridge.store.Dialect;

/** What a database holds: its tables (without the engine's own), their columns, row counts and foreign keys. */
final class SchemaTables {
    static final String SCHEMA_VERSION = "schema_version";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private SchemaTables() {
    }

    /**
     * The tables of the bot's schema, sorted by name. On SQLite, the tables a full-text virtual table keeps its
     * index in are left out: the virtual table stands for them.
     */
    static Set<String> tables(Connection c, Dialect dialect) throws SQLException {
        Set<String> out = new TreeSet<>();
        if (dialect == Dialect.SQLITE) {
            Map<String, String> all = new LinkedHashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    all.put(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2));
                }
            }
            List<String> virtual = all.entrySet().stream()
                    .filter(e -> e.getValue().toUpperCase(Locale.ROOT).startsWith("CREATE VIRTUAL TABLE")).map(Map.Entry::getKey).toList();
            for (String name : all.keySet()) {
                if (!name.startsWith("sqlite_") && virtual.stream().noneMatch(v -> name.startsWith(v + "_"))) {
                    out.add(name);
                }
            }
        } else {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        for (String name : out) {
            if (!NAME.matcher(name).matches()) {
                throw DbCopyException.refused("table " + name + " has a name the bot never uses; is this the bot's database?");
            }
        }
        return out;
    }

    /** Column names of {@code table} with their {@link java.sql.Types}, in table order. */
    static Map<String, Integer> columns(Connection c, String table) throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.put(md.getColumnName(i).toLowerCase(Locale.ROOT), md.getColumnType(i));
            }
        }
        return out;
    }

    static long count(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code tables} ordered so that a table comes after every table its foreign keys refer to. */
    static List<String> dependencyOrder(Connection c, Set<String> tables) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (String t : tables) {
            Set<String> p = new LinkedHashSet<>();
            try (ResultSet rs = md.getImportedKeys(null, c.getSchema(), t)) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME");
                    if (parent != null && !parent.equals(t) && tables.contains(parent)) {
                        p.add(parent);
                    }
                }
            }
            parents.put(t, p);
        }
        List<String> out = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (out.size() < tables.size()) {
            boolean progress = false;
            for (String t : tables) {
                if (!placed.contains(t) && placed.containsAll(parents.get(t))) {
                    out.add(t);
                    placed.add(t);
                    progress = true;
                }
            }
            if (!progress) {
                throw DbCopyException.refused("the target's foreign keys form a cycle; cannot order the copy");
            }
        }
        return out;
    }
}
