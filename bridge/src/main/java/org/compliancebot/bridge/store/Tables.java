package org.compliancebot.bridge.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/** Schema questions that SQLite and PostgreSQL answer alike through JDBC metadata. */
public final class Tables {
    private Tables() {}

    /** True when {@code c}'s database has a table of this (lower-case) name, in either case as stored. */
    public static boolean exists(Connection c, String name) throws SQLException {
        for (String n : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = c.getMetaData().getTables(null, null, n, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
