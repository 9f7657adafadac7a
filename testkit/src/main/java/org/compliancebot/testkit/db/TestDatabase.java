package org.compliancebot.testkit.db;

import java.nio.file.Path;

/**
 * Where a test keeps its store: a JDBC URL with the credentials to open it. {@link #toString()} hides the password.
 *
 * @param url      {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...}
 * @param user     the role to connect as, or null (SQLite)
 * @param password the role's password, or null (SQLite)
 */
public record TestDatabase(String url, String user, String password) {
    /** The database engines a store test runs on. */
    public enum Engine {
        SQLITE,
        POSTGRESQL
    }

    /** A SQLite file (created on first open). */
    public static TestDatabase sqlite(Path file) {
        return new TestDatabase("jdbc:sqlite:" + file.toAbsolutePath(), null, null);
    }

    /** A new, empty database on this JVM's {@link PostgresServer}. */
    public static TestDatabase postgres() {
        return PostgresServer.shared().createDatabase();
    }

    /** A fresh store on {@code engine}; {@code file} is used for SQLite only. */
    public static TestDatabase fresh(Engine engine, Path file) {
        return engine == Engine.SQLITE ? sqlite(file) : postgres();
    }

    @Override
    public String toString() {
        return "TestDatabase[" + url + (user == null ? "" : " as " + user) + "]";
    }
}
