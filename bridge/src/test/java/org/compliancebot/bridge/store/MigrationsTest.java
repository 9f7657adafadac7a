package org.compliancebot.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.compliancebot.testkit.db.OnEachEngine;
import org.compliancebot.testkit.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Migrations and transactions, on SQLite and on PostgreSQL. */
@OnEachEngine
class MigrationsTest {
    @Parameter
    TestDatabase.Engine engine;
    @TempDir
    Path dir;

    private Database open(String file) {
        TestDatabase t = TestDatabase.fresh(engine, dir.resolve(file));
        return Database.open(t.url(), t.user(), t.password());
    }

    @Test
    void appliesOnceAndIsIdempotent() {
        try (Database db = open("m.db")) {
            assertThat(db.dialect().name()).isEqualTo(engine.name());
            assertThat(Migrations.migrate(db, "bridge", getClass().getClassLoader())).isGreaterThanOrEqualTo(1);
            int again = Migrations.migrate(db, "bridge", getClass().getClassLoader());
            assertThat(again).isEqualTo(Migrations.migrate(db, "bridge", getClass().getClassLoader()));
        }
    }

    @Test
    void splitsStatementsAndDropsComments() {
        assertThat(Migrations.split("-- c\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (\n y INT\n);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (\n y INT\n)");
    }

    @Test
    void failedWorkRollsBack() {
        try (Database db = open("r.db")) {
            db.inTransactionVoid(c -> c.createStatement().execute("CREATE TABLE t (x INT)"));
            assertThatThrownBy(() -> db.inTransactionVoid(c -> {
                c.createStatement().execute("INSERT INTO t VALUES (1)");
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            int count = db.inTransaction(c -> {
                var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t");
                rs.next();
                return rs.getInt(1);
            });
            assertThat(count).isZero();
        }
    }

    @Test
    void unsupportedUrlIsRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://u:hunter2@h/db", null, null))
                .hasMessageContaining("unsupported").hasMessageNotContaining("hunter2");
    }
}
