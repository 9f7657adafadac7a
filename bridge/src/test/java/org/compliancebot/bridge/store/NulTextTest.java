package org.compliancebot.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.compliancebot.testkit.db.OnEachEngine;
import org.compliancebot.testkit.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Text holding a NUL character is stored on both engines: as it is on SQLite, with U+FFFD in place of each NUL on
 * PostgreSQL, which cannot store the character. Binary values are kept exactly on both.
 */
@OnEachEngine
class NulTextTest {
    @Parameter
    TestDatabase.Engine engine;
    @TempDir
    Path dir;

    @Test
    void textWithNulIsStoredAndTheTransactionCommits() {
        TestDatabase t = TestDatabase.fresh(engine, dir.resolve("nul.db"));
        try (Database db = Database.open(t.url(), t.user(), t.password())) {
            String blobType = db.dialect() == Dialect.POSTGRESQL ? "BYTEA" : "BLOB";
            db.inTransactionVoid(c -> c.createStatement().execute("CREATE TABLE t (k INTEGER, v TEXT, b " + blobType + ")"));
            db.inTransactionVoid(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (k, v, b) VALUES (?, ?, ?)")) {
                    ps.setInt(1, 1);
                    ps.setString(2, "before\0after\0");
                    ps.setBytes(3, new byte[] {1, 0, 2});
                    ps.addBatch();
                    ps.setInt(1, 2);
                    ps.setObject(2, "plain");
                    ps.setBytes(3, new byte[0]);
                    ps.addBatch();
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
                    ps.setInt(1, 3);
                    ps.setObject(2, "\0", java.sql.Types.VARCHAR);
                    ps.executeUpdate();
                }
            });
            List<String> texts = db.inTransaction(c -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT v, b FROM t WHERE k = ? OR v = ? ORDER BY k")) {
                    ps.setInt(1, 1);
                    ps.setString(2, "plain");
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
                try (ResultSet rs = c.createStatement().executeQuery("SELECT b FROM t WHERE k = 1")) {
                    rs.next();
                    assertThat(rs.getBytes(1)).containsExactly(1, 0, 2);
                }
                try (ResultSet rs = c.createStatement().executeQuery("SELECT v FROM t WHERE k = 3")) {
                    rs.next();
                    out.add(rs.getString(1));
                }
                return out;
            });
            if (engine == TestDatabase.Engine.POSTGRESQL) {
                assertThat(texts).containsExactly("before\uFFFDafter\uFFFD", "plain", "\uFFFD");
            } else {
                assertThat(texts).containsExactly("before\0after\0", "plain", "\0");
            }
        }
    }

    @Test
    void cleanLeavesTextWithoutNulAsItIs() {
        String s = "no nul here";
        assertThat(NulFreeText.clean(s)).isSameAs(s);
        assertThat(NulFreeText.clean(null)).isNull();
        assertThat(NulFreeText.clean("\0x")).isEqualTo("\uFFFDx");
    }
}
