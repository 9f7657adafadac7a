package org.compliancebot.testkit.db;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.compliancebot.testkit.internal.LocalPorts;
import org.compliancebot.testkit.internal.Processes;

/**
 * A real PostgreSQL server for tests: started once per JVM on 127.0.0.1 at a free port, with password
 * authentication, and stopped (its data deleted) when the JVM exits. {@link #createDatabase()} gives each
 * caller a new empty database owned by an ordinary role, as a production deployment would have.
 *
 * <p>PostgreSQL refuses to run as root; when the tests run as root, the server runs as {@code nobody}
 * (through {@code setpriv}). A server that cannot start fails the test with its log; it never skips.
 * Data directories left by a JVM that was killed are cleaned up by the next start.
 */
public final class PostgresServer {
    /** The role that owns the test databases (not a superuser). */
    public static final String ROLE = "compliancebot";
    private static final String SUPERUSER = "postgres";
    private static final String RUN_PREFIX = "compliancebot-pg-run-";
    private static final int NOBODY = 65534;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static PostgresServer shared;

    private final Path runDir;
    private final Process process;
    private final int port;
    private final String superPassword;
    private final String rolePassword;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path runDir, Process process, int port, String superPassword, String rolePassword) {
        this.runDir = runDir;
        this.process = process;
        this.port = port;
        this.superPassword = superPassword;
        this.rolePassword = rolePassword;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            PostgresServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "postgres-shutdown"));
        }
        return shared;
    }

    public int port() {
        return port;
    }

    /** A new, empty database owned by {@link #ROLE}, with that role's credentials. */
    public TestDatabase createDatabase() {
        String name = "cb_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = connect("postgres", SUPERUSER, superPassword); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " OWNER " + ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return new TestDatabase(url(name), ROLE, rolePassword);
    }

    /** The JDBC URL of database {@code name} on this server. */
    public String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    private Connection connect(String database, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(url(database), p);
    }

    private static PostgresServer start() {
        Path home = PostgresBinaries.ensureUnpacked();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        StaleRuns.clean(tmp, RUN_PREFIX);
        boolean root = new UnixSystem().getUid() == 0;
        Path runDir = null;
        try {
            runDir = Files.createTempDirectory(tmp, RUN_PREFIX);
            Files.writeString(runDir.resolve(StaleRuns.OWNER), Long.toString(ProcessHandle.current().pid()));
            String superPassword = randomSecret();
            Path pwfile = runDir.resolve("pwfile");
            Files.writeString(pwfile, superPassword + "\n", StandardCharsets.UTF_8);
            if (root) {
                UserPrincipal nobody = runDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
                Files.setOwner(runDir, nobody);
                Files.setOwner(pwfile, nobody);
            }
            Path data = runDir.resolve("data");
            Processes.Result init = Processes.run(asServerUser(root, List.of(home.resolve("bin/initdb").toString(),
                    "-D", data.toString(), "-U", SUPERUSER, "-E", "UTF8", "--no-locale", "--auth=scram-sha-256",
                    "--pwfile=" + pwfile, "--no-sync")), runDir, Duration.ofMinutes(2));
            if (!init.ok()) {
                throw new IllegalStateException("initdb failed:\n" + Processes.tail(init.output(), 40));
            }
            Files.delete(pwfile);
            return launch(home, runDir, data, root, superPassword);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the test PostgreSQL in " + runDir + ": " + e.getMessage(), e);
        }
    }

    private static PostgresServer launch(Path home, Path runDir, Path data, boolean root, String superPassword)
            throws IOException {
        Path log = runDir.resolve("postgres.log");
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = LocalPorts.free();
            // Durability is not under test here: skip fsync so the suite stays quick.
            Process p = new ProcessBuilder(asServerUser(root, List.of(home.resolve("bin/postgres").toString(),
                    "-D", data.toString(), "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                    "-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "synchronous_commit=off",
                    "-c", "full_page_writes=off", "-c", "max_connections=300")))
                    .directory(runDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                String rolePassword = awaitReadyAndCreateRole(p, port, superPassword, log);
                return new PostgresServer(runDir, p, port, superPassword, rolePassword);
            } catch (IllegalStateException e) {
                Processes.stop(p, Duration.ofSeconds(5));
                last = e;
            }
        }
        throw last;
    }

    private static String awaitReadyAndCreateRole(Process p, int port, String superPassword, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", superPassword);
        SQLException lastError = null;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with " + p.exitValue() + ":\n"
                        + Processes.tailOfFile(log, 40));
            }
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
                 Statement s = c.createStatement()) {
                String rolePassword = randomSecret();
                s.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + rolePassword + "'");
                return rolePassword;
            } catch (SQLException e) {
                lastError = e;
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within " + START_TIMEOUT.toSeconds()
                + " s (" + (lastError == null ? "" : lastError.getMessage()) + "):\n" + Processes.tailOfFile(log, 40));
    }

    /** The command as the server's user: {@code nobody} when we are root, else ourselves. */
    private static List<String> asServerUser(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        out.addAll(command);
        return out;
    }

    /** Stops the server (fast shutdown, so open connections do not hold it up) and deletes its data. */
    synchronized void stop() {
        if (process.isAlive()) {
            try {
                Processes.run(List.of("kill", "-INT", Long.toString(process.pid())), null, Duration.ofSeconds(10));
            } catch (IOException ignored) {
                // fall through to the forcible stop below
            }
            Processes.stop(process, Duration.ofSeconds(10));
        }
        StaleRuns.delete(runDir);
    }

    private static String randomSecret() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public String toString() {
        return "PostgresServer[127.0.0.1:" + port + "]";
    }
}
