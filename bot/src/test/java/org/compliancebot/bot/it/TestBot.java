package org.compliancebot.bot.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.compliancebot.bot.app.BotApplication;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;

/**
 * The bot under test, against a real Synapse: in this JVM ({@link #startInProcess}) or as its own
 * process ({@link #startProcess}), which a test can kill hard. Reads the bot's SQLite file directly.
 */
final class TestBot {
    final SynapseServer server;
    final RegisteredUser account;
    final Path dir;
    final Path database;
    /** The crypto store key (base64 of 32 bytes) the bot gets; a test may change it to check refusal. */
    String storeKey = randomKey();

    static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    TestBot(SynapseServer server, RegisteredUser account, Path dir) {
        this.server = server;
        this.account = account;
        this.dir = dir;
        this.database = dir.resolve("bot.db");
    }

    Path writeConfig(int timelineLimit) throws IOException {
        String yaml = """
                homeserver:
                  url: %s
                bot:
                  user_id: "%s"
                  device_id: %s
                database:
                  url: jdbc:sqlite:%s
                sync:
                  timeline_limit: %d
                  poll_timeout_seconds: 5
                """.formatted(server.baseUrl(), account.userId(), "BOT" + account.localpart().hashCode(), database, timelineLimit);
        Path file = dir.resolve("config-" + timelineLimit + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    Map<String, String> env() {
        return Map.of(Secrets.PASSWORD, account.password(), Secrets.STORE_KEY, storeKey);
    }

    BotApplication startInProcess(int timelineLimit) throws IOException {
        BotApplication app = new BotApplication(new ConfigLoader().load(writeConfig(timelineLimit)), new Secrets(env()),
                Clock.systemUTC());
        app.start();
        return app;
    }

    /** Starts {@code compliance-bot run} in a child JVM on this test's class path. */
    Process startProcess(int timelineLimit) throws IOException {
        Path config = writeConfig(timelineLimit);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "org.compliancebot.bot.cli.Main", "run", "--config", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("bot-process.log").toFile()));
        pb.environment().putAll(env());
        return pb.start();
    }

    String processLog() throws IOException {
        Path log = dir.resolve("bot-process.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Runs a query on the bot's database through a connection of its own (WAL allows a reader beside the bot). */
    long count(String sql) {
        if (!Files.exists(database)) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            try (ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            // The bot may not have created the table yet.
            return 0;
        }
    }

    List<String> column(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    boolean hasSyncPosition() {
        return count("SELECT COUNT(*) FROM sync_state WHERE name = 'next_batch'") > 0;
    }

    /** As {@link #await}, adding the bot process's log to the failure. */
    void awaitProcess(String what, Duration timeout, BooleanSupplier condition) throws Exception {
        try {
            await(what, timeout, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- bot process log ---\n" + processLog(), e);
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
