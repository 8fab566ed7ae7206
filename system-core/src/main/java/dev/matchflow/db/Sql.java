package dev.matchflow.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Short forms of the JDBC calls repositories make, binding parameters by their Java type: {@link UUID}
 * as its string, {@link Instant} through {@link SqlTimes}, {@code null} as SQL NULL, anything else as is.
 */
public final class Sql {

    private Sql() {}

    /** Turns the current row into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {

        T map(ResultSet row) throws SQLException;
    }

    /** Every row the query answers, mapped. */
    public static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> values = new ArrayList<>();
            while (rows.next()) {
                values.add(mapper.map(rows));
            }
            return values;
        }
    }

    /** The first row the query answers, mapped, or empty. */
    public static <T> Optional<T> first(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
        }
    }

    /** The single number a {@code SELECT COUNT(*) ...} answers. */
    public static int count(Connection connection, String sql, Object... parameters) throws SQLException {
        return first(connection, sql, row -> row.getInt(1), parameters).orElse(0);
    }

    /** Runs an INSERT, UPDATE or DELETE and answers how many rows it touched. */
    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** {@code ?, ?, ?} for an {@code IN (...)} list of the given size. */
    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** Reads a {@code CHAR(36)} id column. */
    public static UUID uuid(ResultSet row, String column) throws SQLException {
        String value = row.getString(column);
        return value == null ? null : UUID.fromString(value);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                bind(statement, i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof UUID id) {
            statement.setString(index, id.toString());
        } else if (value instanceof Instant instant) {
            SqlTimes.set(statement, index, instant);
        } else {
            statement.setObject(index, value);
        }
    }
}
