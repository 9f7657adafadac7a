package org.compliancebot.bot.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.compliancebot.bot.app.dbcopy.CopyProgress;
import org.compliancebot.bot.app.dbcopy.DatabaseCopy;
import org.compliancebot.bot.app.dbcopy.DbCopyException;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Dialect;
import org.compliancebot.bridge.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code db-copy}: moves a deployment's store to another database, typically from SQLite to PostgreSQL, while
 * the bot is stopped. The target's password is the bot's database secret ({@value Secrets#DATABASE_PASSWORD},
 * or the file named by {@code _FILE}); a PostgreSQL source takes {@value #SOURCE_PASSWORD}. Passwords are never
 * printed. Exit status: 0 copied and verified, 1 the copy failed (rolled back), 2 refused (nothing written).
 */
@Command(name = "db-copy", mixinStandardHelpOptions = true,
        description = "Copy the bot's database to another one (e.g. SQLite to PostgreSQL) and verify it. Stop the bot first.")
public final class DbCopyCommand implements Callable<Integer> {
    /** The secret with the password of a PostgreSQL source. */
    static final String SOURCE_PASSWORD = "COMPLIANCE_BOT_SOURCE_DATABASE_PASSWORD";

    @Option(names = "--from", required = true, description = "JDBC URL of the current database, e.g. jdbc:sqlite:/data/bot.db.")
    String from;
    @Option(names = "--from-user", description = "Role for a PostgreSQL source.")
    String fromUser;
    @Option(names = "--to", required = true,
            description = "JDBC URL of the new, empty database, e.g. jdbc:postgresql://db:5432/compliancebot.")
    String to;
    @Option(names = "--to-user", description = "Role for a PostgreSQL target (the bot's database.user).")
    String toUser;

    @Spec
    CommandSpec spec;

    private Secrets secrets = Secrets.fromEnvironment();

    /** For tests: the secrets to read passwords from instead of the environment. */
    DbCopyCommand withSecrets(Secrets s) {
        this.secrets = s;
        return this;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (from.equals(to)) {
                throw new IllegalArgumentException("--from and --to name the same database");
            }
            supported(from, "--from");
            supported(to, "--to");
            String sourcePassword = password(from, SOURCE_PASSWORD);
            String targetPassword = password(to, Secrets.DATABASE_PASSWORD);
            requireExistingSqliteFile(from);
            try (Database source = Database.open(from, fromUser, sourcePassword);
                 Database target = Database.open(to, toUser, targetPassword)) {
                DatabaseCopy.Result result = new DatabaseCopy(source, target, progress(err)).run();
                out.println("Copied " + result.rows().size() + " tables, " + result.totalRows() + " rows"
                        + result.ledgerRecords().map(n -> "; evidence ledger of " + n + " records verified (root "
                        + result.ledgerRoot().orElseThrow() + ", " + result.signedHeads() + " signed heads)").orElse("")
                        + ". Point database.url at the new database and start the bot.");
                return 0;
            }
        } catch (DbCopyException e) {
            err.println((e.refused() ? "db-copy refused: " : "db-copy failed, nothing was kept on the target: ") + e.getMessage());
            return e.refused() ? 2 : 1;
        } catch (IllegalArgumentException | org.compliancebot.bot.config.ConfigException e) {
            err.println("db-copy refused: " + e.getMessage());
            return 2;
        } catch (StoreException e) {
            err.println("db-copy failed, nothing was kept on the target: " + e.getMessage());
            return 1;
        }
    }

    private static void supported(String url, String option) {
        try {
            Dialect.fromJdbcUrl(url);
        } catch (StoreException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    private String password(String url, String secret) {
        return Dialect.fromJdbcUrl(url) == Dialect.POSTGRESQL
                ? secrets.require(secret, "the password of " + (secret.equals(SOURCE_PASSWORD) ? "the source" : "the target"))
                : null;
    }

    /** Opening a SQLite URL creates the file; a mistyped source path must not become an empty copy. */
    private static void requireExistingSqliteFile(String url) {
        if (Dialect.fromJdbcUrl(url) == Dialect.SQLITE) {
            String file = url.substring("jdbc:sqlite:".length());
            int q = file.indexOf('?');
            file = q >= 0 ? file.substring(0, q) : file;
            Path path = Path.of(file.startsWith("file:") ? file.substring("file:".length()) : file);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("the source database file " + path + " does not exist");
            }
        }
    }

    private static CopyProgress progress(PrintWriter err) {
        return new CopyProgress() {
            private String current;

            @Override
            public void step(String line) {
                if (current != null) {
                    err.println();
                    current = null;
                }
                err.println(line);
                err.flush();
            }

            @Override
            public void rows(String table, long done, long total) {
                if (current != null && !current.equals(table)) {
                    err.println();
                }
                current = table;
                err.print("\rCopying " + table + ": " + done + " / " + total + " rows");
                err.flush();
            }
        };
    }
}
