package dev.matchflow.testing;

import dev.matchflow.testing.TestDatabase.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The MariaDB server the tests use, probed once per JVM; it holds one fresh database per test. */
final class MariaDbServer {

    private static final Logger log = LoggerFactory.getLogger(MariaDbServer.class);
    private static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final MariaDbServer SHARED = new MariaDbServer(System.getenv());

    private final String baseUrl;
    private final String parameters;
    private final String user;
    private final String password;
    private final boolean required;
    private final Optional<String> unreachable;

    MariaDbServer(Map<String, String> environment) {
        String url = environment.getOrDefault("MATCHFLOW_TEST_MARIADB_URL", DEFAULT_URL);
        int hostStart = url.indexOf("//") + 2;
        int slash = url.indexOf('/', hostStart);
        int question = url.indexOf('?', hostStart);
        int hostEnd = slash >= 0 ? slash : (question >= 0 ? question : url.length());
        this.baseUrl = url.substring(0, hostEnd) + "/";
        this.parameters = question >= 0 ? url.substring(question) : "";
        this.user = environment.getOrDefault("MATCHFLOW_TEST_MARIADB_USER", "root");
        this.password = environment.getOrDefault("MATCHFLOW_TEST_MARIADB_PASSWORD", "");
        this.required = Boolean.parseBoolean(environment.getOrDefault("MATCHFLOW_REQUIRE_MARIADB", "false"));
        this.unreachable = probe();
    }

    static MariaDbServer shared() {
        return SHARED;
    }

    /** Why MariaDB runs are skipped, or empty when they run (reachable, or required and so left to fail). */
    Optional<String> skipReason() {
        if (required) {
            return Optional.empty();
        }
        return unreachable.map(reason ->
                reason + "; MariaDB runs are skipped (MATCHFLOW_REQUIRE_MARIADB=true" + " makes them fail instead)");
    }

    CreatedDatabase create() {
        unreachable.ifPresent(reason -> {
            throw new IllegalStateException(reason + "; MATCHFLOW_REQUIRE_MARIADB=true requires it");
        });
        String name = "mf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        TestDatabase database = new TestDatabase(Kind.MARIADB, baseUrl + name + parameters, user, password);
        return new CreatedDatabase() {
            @Override
            public TestDatabase database() {
                return database;
            }

            @Override
            public void drop() {
                execute("DROP DATABASE IF EXISTS " + name);
            }
        };
    }

    private Optional<String> probe() {
        try (Connection ignored = connect()) {
            return Optional.empty();
        } catch (SQLException e) {
            String reason = "MariaDB at " + baseUrl + " is unreachable as " + user + " (" + e.getMessage()
                    + "); start it or point MATCHFLOW_TEST_MARIADB_URL at one";
            log.warn(reason);
            return Optional.of(reason);
        }
    }

    private void execute(String sql) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on MariaDB at " + baseUrl + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        String separator = parameters.isEmpty() ? "?" : "&";
        String url = baseUrl + parameters + separator + "connectTimeout=" + CONNECT_TIMEOUT_MILLIS;
        return DriverManager.getConnection(url, user, password);
    }
}
