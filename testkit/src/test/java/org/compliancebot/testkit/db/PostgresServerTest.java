package org.compliancebot.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresServerTest {
    private static Connection open(TestDatabase db, String password) throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), password);
    }

    @Test
    void eachDatabaseIsNewEmptyAndOwnedByAnOrdinaryRole() throws SQLException {
        TestDatabase a = TestDatabase.postgres();
        TestDatabase b = TestDatabase.postgres();
        assertThat(a.url()).isNotEqualTo(b.url()).startsWith("jdbc:postgresql://127.0.0.1:");
        assertThat(a.toString()).doesNotContain(a.password());
        try (Connection c = open(a, a.password()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x INTEGER)");
            s.execute("INSERT INTO t VALUES (1)");
            try (ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).as("the owner role is not a superuser").isFalse();
            }
            try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("16.");
            }
        }
        try (Connection c = open(b, b.password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the second database does not see the first one's table").isZero();
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        TestDatabase db = TestDatabase.postgres();
        assertThatThrownBy(() -> open(db, "wrong").close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }
}
