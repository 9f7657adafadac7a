package org.compliancebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.Map;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.testkit.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code db-copy} end to end: a SQLite deployment written through the real stores, copied to a real PostgreSQL. */
class DbCopyCommandTest {
    @TempDir
    Path dir;

    /** The outcome of one run: exit status and what it printed. */
    private record Run(int exit, String out, String err) {}

    private Run copy(TestDatabase to, Secrets secrets, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new DbCopyCommand().withSecrets(secrets));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] args = {"--from", "jdbc:sqlite:" + dir.resolve("bot.db"), "--to", to.url(), "--to-user", to.user()};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        return new Run(cl.execute(all), out.toString(), err.toString());
    }

    private Secrets passwordFile(TestDatabase to) throws Exception {
        Path file = dir.resolve("db-password");
        Files.writeString(file, to.password() + "\n");
        return new Secrets(Map.of(Secrets.DATABASE_PASSWORD + "_FILE", file.toString()));
    }

    @Test
    void copiesEveryStoreAndTheBotReadsTheSameDataFromPostgres() throws Exception {
        SampleDeployment sample = new SampleDeployment();
        TestDatabase sqlite = TestDatabase.sqlite(dir.resolve("bot.db"));
        sample.populate(sqlite);
        SampleDeployment.Snapshot before = sample.read(sqlite);
        assertThat(before.changes()).hasSize(2);
        assertThat(before.pendingOutbox()).isEqualTo(1);
        assertThat(before.incidents()).singleElement();
        assertThat(before.tasks()).singleElement();
        assertThat(before.alerts()).singleElement();
        assertThat(before.ledgerSize()).isEqualTo(7);
        assertThat(before.ledgerConsistent()).isTrue();
        assertThat(before.searchHits()).singleElement();

        TestDatabase pg = TestDatabase.postgres();
        Run run = copy(pg, passwordFile(pg));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("evidence ledger of 7 records verified").contains("1 signed heads");
        assertThat(run.err()).contains("Copying evidence_record: 7 / 7 rows").contains("Row counts match")
                .contains("Evidence ledger matches").doesNotContain(pg.password());
        SampleDeployment.Snapshot after = sample.read(pg);
        assertThat(after).isEqualTo(before);

        Run again = copy(pg, passwordFile(pg));
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("db-copy refused").contains("not empty").contains("change_request");
    }

    @Test
    void aFailedCopyLeavesTheTargetEmptySoItCanBeRunAgain() throws Exception {
        TestDatabase sqlite = TestDatabase.sqlite(dir.resolve("bot.db"));
        new SampleDeployment().populate(sqlite);
        // SQLite keeps text in an integer column; PostgreSQL cannot, so the copy must stop and keep nothing. A NUL
        // character in text, which PostgreSQL cannot store either, is carried over as U+FFFD and reported.
        try (Database db = Database.open(sqlite.url(), null, null)) {
            db.inTransactionVoid(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE incident SET seq = seq || 'x', title = 'bad' || char(0) || 'title'");
                }
            });
        }
        TestDatabase pg = TestDatabase.postgres();
        Run failed = copy(pg, passwordFile(pg));
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).contains("db-copy failed").contains("incident.seq").contains("integer");
        try (Database db = Database.open(sqlite.url(), null, null)) {
            db.inTransactionVoid(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE incident SET seq = CAST(REPLACE(seq, 'x', '') AS INTEGER)");
                }
            });
        }
        Run retried = copy(pg, passwordFile(pg));
        assertThat(retried.exit()).as(retried.err()).isZero();
        assertThat(retried.err()).contains("incident.title: 1 text held a NUL character");
        try (Database db = Database.open(pg.url(), pg.user(), pg.password())) {
            String title = db.inTransaction(c -> {
                try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT title FROM incident")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(title).isEqualTo("bad\uFFFDtitle");
        }
    }

    @Test
    void refusesWhatItCannotCopySafely() throws Exception {
        TestDatabase pg = TestDatabase.postgres();
        Run missing = copy(pg, passwordFile(pg));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");
        assertThat(Files.exists(dir.resolve("bot.db"))).as("a mistyped source is not created").isFalse();

        new SampleDeployment().populate(TestDatabase.sqlite(dir.resolve("bot.db")));
        Run noPassword = copy(pg, new Secrets(Map.of()));
        assertThat(noPassword.exit()).isEqualTo(2);
        assertThat(noPassword.err()).contains(Secrets.DATABASE_PASSWORD);

        Run wrongPassword = copy(pg, new Secrets(Map.of(Secrets.DATABASE_PASSWORD, "not-the-password")));
        assertThat(wrongPassword.exit()).isEqualTo(1);
        assertThat(wrongPassword.err()).contains("password authentication failed").doesNotContain("not-the-password");

        Run unsupported = copy(new TestDatabase("jdbc:mysql://db/bot", "u", "p"), new Secrets(Map.of()));
        assertThat(unsupported.exit()).isEqualTo(2);
        assertThat(unsupported.err()).contains("--to").contains("unsupported");
    }
}
