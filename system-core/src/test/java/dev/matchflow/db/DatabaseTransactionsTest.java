package dev.matchflow.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

class DatabaseTransactionsTest {

    @DatabaseTest
    void openingAppliesTheMigrations(TestDatabase testDatabase) {
        try (Database database = open(testDatabase)) {

            int pools = database.inTransaction(connection -> count(connection, "pools"));

            assertThat(pools).isZero();
        }
    }

    @DatabaseTest
    void openingTwiceMigratesOnlyOnce(TestDatabase testDatabase) {
        open(testDatabase).close();

        try (Database reopened = open(testDatabase)) {

            int matches = reopened.inTransaction(connection -> count(connection, "matches"));

            assertThat(matches).isZero();
        }
    }

    @DatabaseTest
    void workThatThrowsIsRolledBack(TestDatabase testDatabase) {
        try (Database database = open(testDatabase)) {

            assertThatThrownBy(() -> database.inTransaction(connection -> {
                        insertPool(connection, UUID.randomUUID(), Instant.now());
                        throw new IllegalStateException("changed my mind");
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("changed my mind");

            int pools = database.inTransaction(connection -> count(connection, "pools"));
            assertThat(pools).isZero();
        }
    }

    @DatabaseTest
    void instantsComeBackExactlyAsStoredToTheMicrosecond(TestDatabase testDatabase) {
        UUID poolId = UUID.randomUUID();
        Instant stored = Instant.parse("2025-12-05T23:59:59.123456789Z");

        try (Database database = open(testDatabase)) {
            database.inTransaction(connection -> insertPool(connection, poolId, stored));

            Instant read = database.inTransaction(connection -> createdAt(connection, poolId));

            assertThat(read).isEqualTo(Instant.parse("2025-12-05T23:59:59.123456Z"));
        }
    }

    @DatabaseTest
    void aDuplicateKeyIsRecognised(TestDatabase testDatabase) {
        UUID poolId = UUID.randomUUID();

        try (Database database = open(testDatabase)) {
            database.inTransaction(connection -> insertPool(connection, poolId, Instant.now()));

            assertThatThrownBy(
                            () -> database.inTransaction(connection -> insertPool(connection, poolId, Instant.now())))
                    .isInstanceOf(DatabaseException.class)
                    .satisfies(e -> assertThat(SqlErrors.isDuplicateKey((SQLException) e.getCause()))
                            .isTrue());
        }
    }

    private static Database open(TestDatabase testDatabase) {
        return TestDatabases.open(testDatabase);
    }

    private static int insertPool(Connection connection, UUID poolId, Instant createdAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO pools (id, name, member_count, created_at) VALUES (?, ?, 0, ?)")) {
            insert.setString(1, poolId.toString());
            insert.setString(2, "evening");
            SqlTimes.set(insert, 3, createdAt);
            return insert.executeUpdate();
        }
    }

    private static Instant createdAt(Connection connection, UUID poolId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT created_at FROM pools WHERE id = ?")) {
            select.setString(1, poolId.toString());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return SqlTimes.get(row, "created_at");
            }
        }
    }

    private static int count(Connection connection, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }
}
