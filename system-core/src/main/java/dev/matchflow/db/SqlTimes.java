package dev.matchflow.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Moves instants in and out of {@code DATETIME(6)} columns, which hold UTC wall-clock times.
 *
 * <p>Values cross JDBC as {@link LocalDateTime} in UTC, which no driver shifts by a time zone, and are
 * cut to microseconds first so that what is read back equals what was written.
 */
public final class SqlTimes {

    private SqlTimes() {}

    /** The clock's current instant cut to microseconds, as the columns hold it. */
    public static Instant now(Clock clock) {
        return micros(clock.instant());
    }

    /** The instant cut to microseconds. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Binds an instant (or SQL NULL for {@code null}) to a {@code DATETIME(6)} parameter. */
    public static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP);
            return;
        }
        statement.setObject(index, LocalDateTime.ofInstant(micros(instant), ZoneOffset.UTC));
    }

    /** Reads a {@code DATETIME(6)} column; {@code null} for SQL NULL. */
    public static Instant get(ResultSet row, String column) throws SQLException {
        LocalDateTime value = row.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
