package org.compliancebot.bridge.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's relational store. One connection, used by one thread at a time: every read and write goes
 * through {@link #inTransaction}, which serialises callers. SQLite runs in WAL mode with full sync, so a
 * committed transaction survives a crash of the process or the machine.
 *
 * <p>Contract: the work passed to {@link #inTransaction} either commits as a whole or leaves no trace.
 * Nested calls from the same thread join the outer transaction.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final Dialect dialect;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean inTransaction;

    private Database(Dialect dialect, Connection connection) {
        this.dialect = dialect;
        this.connection = connection;
    }

    /** Opens (creating if needed) the database at {@code jdbcUrl}; the password, if any, is passed apart from the URL. */
    public static Database open(String jdbcUrl, String user, String password) {
        Dialect dialect = Dialect.fromJdbcUrl(jdbcUrl);
        try {
            if (dialect == Dialect.SQLITE) {
                Path file = sqliteFile(jdbcUrl);
                if (file != null && file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
            }
            Properties props = new Properties();
            if (user != null) {
                props.setProperty("user", user);
            }
            if (password != null) {
                props.setProperty("password", password);
            }
            Connection c = DriverManager.getConnection(jdbcUrl, props);
            if (dialect == Dialect.SQLITE) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=FULL");
                    s.execute("PRAGMA foreign_keys=ON");
                    s.execute("PRAGMA busy_timeout=10000");
                }
            }
            c.setAutoCommit(false);
            if (dialect == Dialect.POSTGRESQL) {
                c = NulFreeText.wrap(c);
            }
            log.info("Opened {} database {}", dialect.suffix(), Dialect.redactUrl(jdbcUrl));
            return new Database(dialect, c);
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot open database " + Dialect.redactUrl(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    public static Database openSqlite(Path file) {
        return open("jdbc:sqlite:" + file.toAbsolutePath(), null, null);
    }

    private static Path sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        if (rest.isEmpty() || rest.equals(":memory:") || rest.startsWith("file::memory:")) {
            return null;
        }
        return Path.of(rest.startsWith("file:") ? rest.substring(5) : rest);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one transaction and commits it; rolls back and rethrows on any failure. */
    public <T> T inTransaction(SqlWork<T> work) {
        lock.lock();
        try {
            if (inTransaction) {
                return work.run(connection);
            }
            inTransaction = true;
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly();
                throw e;
            } finally {
                inTransaction = false;
            }
        } catch (SQLException e) {
            throw new StoreException("database operation failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} in one transaction, for work that returns nothing. */
    public void inTransactionVoid(SqlVoidWork work) {
        inTransaction(c -> {
            work.run(c);
            return null;
        });
    }

    /** Work with no result. */
    @FunctionalInterface
    public interface SqlVoidWork {
        void run(Connection connection) throws SQLException;
    }

    /** True when the database answers a trivial query. */
    public boolean isReachable() {
        try {
            return inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                    return true;
                }
            });
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.warn("Rollback failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Closing the database failed: {}", e.getMessage());
        } finally {
            lock.unlock();
        }
    }
}
