package dev.matchflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

class EachDatabaseTest {

    @DatabaseTest
    void aTestGetsAnEmptyDatabaseItCanWriteTo(TestDatabase database) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {

            statement.execute("CREATE TABLE notes (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO notes (id) VALUES (1)");

            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM notes")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
    }

    @DatabaseTest
    void anotherTestDoesNotSeeTheTablesOfTheFirst(TestDatabase database) throws SQLException {
        try (Connection connection = connect(database);
                ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), null, "notes", null)) {

            assertThat(tables.next())
                    .as("a table left by another test in %s", database)
                    .isFalse();
        }
    }

    private static Connection connect(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }
}
