package dev.matchflow.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * On Cloud Run the services reach Cloud SQL through a Unix socket under {@code /cloudsql}; the MariaDB driver does
 * that with {@code localSocket}, which needs JNA at run time. Checked against the local MariaDB server's socket.
 */
class UnixSocketConnectionTest {

    private static final Path SOCKET =
            Path.of(System.getenv().getOrDefault("MATCHFLOW_TEST_MARIADB_SOCKET", "/run/mysqld/mysqld.sock"));

    @Test
    void theMariaDbDriverConnectsOverAUnixSocket() throws Exception {
        assumeTrue(Files.exists(SOCKET), "no MariaDB socket at " + SOCKET + "; set MATCHFLOW_TEST_MARIADB_SOCKET");
        DatabaseSettings settings = DatabaseSettings.of(
                "jdbc:mariadb://localhost/?localSocket=" + SOCKET,
                System.getenv().getOrDefault("MATCHFLOW_TEST_MARIADB_USER", "root"),
                System.getenv().getOrDefault("MATCHFLOW_TEST_MARIADB_PASSWORD", ""));

        try (Connection connection =
                        DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                Statement statement = connection.createStatement();
                ResultSet answer = statement.executeQuery("SELECT @@socket")) {

            assertThat(answer.next()).isTrue();
            assertThat(Path.of(answer.getString(1))).isEqualTo(SOCKET);
        }
    }
}
