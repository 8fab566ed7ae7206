package dev.matchflow.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared SQL database: a connection pool over H2 (MySQL mode), MariaDB or MySQL, migrated with the
 * versioned scripts under {@code classpath:db/migration} when it opens.
 *
 * <p>Write SQL that H2 in MySQL mode, MariaDB and MySQL 8 all run the same way, and store times with
 * {@link SqlTimes}.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String MIGRATIONS = "classpath:db/migration";
    private static final int ATTEMPTS_ON_CONFLICT = 3;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final DatabaseSettings settings;
    private final HikariDataSource dataSource;

    private Database(DatabaseSettings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
    }

    /** Opens the database described by {@code DATABASE_URL} and friends; see {@link DatabaseSettings}. */
    public static Database fromEnvironment(Map<String, String> environment) {
        return open(DatabaseSettings.fromEnvironment(environment));
    }

    /** A fresh private in-memory database, migrated. */
    public static Database inMemory() {
        return open(DatabaseSettings.inMemory());
    }

    /**
     * Connects, then applies the pending migrations.
     *
     * @throws DatabaseException when the database cannot be reached or a migration fails
     */
    public static Database open(DatabaseSettings settings) {
        HikariDataSource dataSource = connect(settings);
        Database database = new Database(settings, dataSource);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw new DatabaseException("migrating " + settings.describe() + " failed: " + e.getMessage(), e);
        }
        return database;
    }

    /** The pooled data source, for code that needs plain JDBC outside a transaction. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs the work in one transaction: commits when it returns, rolls back when it throws anything.
     * A transaction the database aborted to break a deadlock is run again, up to three times in all, so
     * the work must not have effects outside the connection.
     *
     * @throws DatabaseException wrapping an {@link SQLException}; other exceptions pass through unchanged
     */
    public <T> T inTransaction(TransactionWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(work);
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS_ON_CONFLICT || !SqlErrors.isRetryableConflict(e)) {
                    throw new DatabaseException("transaction failed: " + e.getMessage(), e);
                }
                log.debug("transaction aborted by a lock conflict, attempt {} of {}", attempt, ATTEMPTS_ON_CONFLICT, e);
            }
        }
    }

    /** Closes the pool; a private in-memory database is dropped with it. */
    @Override
    public void close() {
        if (dataSource.isClosed()) {
            return;
        }
        if (settings.ephemeral()) {
            shutDownInMemory();
        }
        dataSource.close();
    }

    private <T> T runOnce(TransactionWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollBack(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void rollBack(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void migrate() {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .load()
                .migrate();
        log.info(
                "database {} ready at schema version {} ({} migrations applied now)",
                settings.describe(),
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    private static HikariDataSource connect(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("matchflow-db-" + POOLS.incrementAndGet());
        config.setJdbcUrl(settings.jdbcUrl());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(5_000);
        config.setConnectionInitSql(settings.isH2() ? "SET TIME ZONE 'UTC'" : "SET time_zone = '+00:00'");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseException(
                    "cannot connect to " + settings.describe() + ": " + e.getMessage()
                            + "; check DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD and that the server runs",
                    e);
        }
    }

    private void shutDownInMemory() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            // At JVM exit H2 has closed it already, which is all that was wanted.
            log.debug("could not drop the in-memory database {}: {}", settings.describe(), e.getMessage());
        }
    }
}
