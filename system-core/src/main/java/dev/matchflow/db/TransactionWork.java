package dev.matchflow.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on one connection inside a transaction; see {@link Database#inTransaction(TransactionWork)}.
 *
 * @param <T> what the work answers
 */
@FunctionalInterface
public interface TransactionWork<T> {

    T run(Connection connection) throws SQLException;
}
