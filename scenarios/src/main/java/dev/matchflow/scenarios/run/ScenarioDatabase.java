package dev.matchflow.scenarios.run;

import dev.matchflow.db.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database one scenario runs on, fresh and empty, since the invariants look at every row: a private in-memory
 * H2 database, or a new database on a MySQL or MariaDB server that is dropped when the scenario ends.
 */
final class ScenarioDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScenarioDatabase.class);

    private final DatabaseSettings settings;
    private final Optional<Runnable> drop;

    private ScenarioDatabase(DatabaseSettings settings, Optional<Runnable> drop) {
        this.settings = settings;
        this.drop = drop;
    }

    /**
     * A fresh database for {@code url}: {@code h2} (or nothing) for in-memory H2, or a MySQL or MariaDB URL whose
     * server gets a new database next to the one it names. {@code DATABASE_USER} and {@code DATABASE_PASSWORD} from
     * {@code environment} apply when the URL carries no user.
     *
     * @throws IllegalArgumentException for any other URL, saying which are taken
     * @throws IllegalStateException when the server refuses to create the database
     */
    static ScenarioDatabase fresh(Optional<String> url, Map<String, String> environment) {
        if (url.isEmpty() || url.get().equalsIgnoreCase("h2")) {
            return new ScenarioDatabase(DatabaseSettings.inMemory(), Optional.empty());
        }
        DatabaseSettings server =
                DatabaseSettings.of(url.get(), environment.get("DATABASE_USER"), environment.get("DATABASE_PASSWORD"));
        String jdbcUrl = server.jdbcUrl();
        if (!jdbcUrl.startsWith("jdbc:mariadb://") && !jdbcUrl.startsWith("jdbc:mysql://")) {
            throw new IllegalArgumentException("database '" + server.describe() + "' cannot hold scenarios: use h2,"
                    + " or a MySQL or MariaDB server (jdbc:mariadb://host:port/db, jdbc:mysql://host:port/db or"
                    + " mysql://user:password@host:port/db), on which each scenario gets a fresh database");
        }
        int query = jdbcUrl.indexOf('?');
        String parameters = query >= 0 ? jdbcUrl.substring(query) : "";
        String withoutParameters = query >= 0 ? jdbcUrl.substring(0, query) : jdbcUrl;
        int slash = withoutParameters.indexOf('/', withoutParameters.indexOf("//") + 2);
        String base = slash >= 0 ? withoutParameters.substring(0, slash + 1) : withoutParameters + "/";
        String named = slash >= 0 ? withoutParameters.substring(slash + 1) : "";
        String name = (named.isEmpty() ? "matchflow" : named) + "_scenario_"
                + UUID.randomUUID().toString().substring(0, 8);
        execute(base + parameters, server, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        DatabaseSettings fresh =
                new DatabaseSettings(base + name + parameters, server.user(), server.password(), false);
        return new ScenarioDatabase(
                fresh, Optional.of(() -> execute(base + parameters, server, "DROP DATABASE IF EXISTS " + name)));
    }

    DatabaseSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        try {
            drop.ifPresent(Runnable::run);
        } catch (IllegalStateException e) {
            log.warn("the scenario's database could not be dropped; drop it by hand: {}", e.getMessage());
        }
    }

    private static void execute(String serverUrl, DatabaseSettings server, String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl, server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "'" + sql + "' failed on " + server.describe() + ": " + e.getMessage() + "; check the URL and the"
                            + " user's right to create databases",
                    e);
        }
    }
}
