package dev.matchflow.testing;

import dev.matchflow.testing.TestDatabase.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Private in-memory H2 databases in MySQL mode, as the system runs by default. */
final class H2Databases {

    private H2Databases() {}

    static CreatedDatabase create() {
        String name = "mf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = "jdbc:h2:mem:" + name + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        TestDatabase database = new TestDatabase(Kind.H2, url, "", "");
        return new CreatedDatabase() {
            @Override
            public TestDatabase database() {
                return database;
            }

            @Override
            public void drop() {
                shutDown(url);
            }
        };
    }

    private static void shutDown(String url) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the test database " + url + ": " + e.getMessage(), e);
        }
    }
}
