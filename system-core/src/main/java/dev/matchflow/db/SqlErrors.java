package dev.matchflow.db;

import java.sql.SQLException;

/** Recognises the driver errors that callers answer differently, the same way on H2, MariaDB and MySQL. */
public final class SqlErrors {

    private static final int MYSQL_DUPLICATE_KEY = 1062;
    private static final int MYSQL_DEADLOCK = 1213;
    private static final int MYSQL_NO_REFERENCED_ROW = 1452;
    private static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;

    private SqlErrors() {}

    /** True when a unique or primary key refused the row. */
    public static boolean isDuplicateKey(SQLException error) {
        for (SQLException e = error; e != null; e = e.getNextException()) {
            if ("23505".equals(e.getSQLState()) || e.getErrorCode() == MYSQL_DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }

    /** True when a foreign key refused the row because the row it refers to does not exist. */
    public static boolean isMissingReference(SQLException error) {
        for (SQLException e = error; e != null; e = e.getNextException()) {
            if ("23506".equals(e.getSQLState()) || e.getErrorCode() == MYSQL_NO_REFERENCED_ROW) {
                return true;
            }
        }
        return false;
    }

    /** True when the database gave up the transaction to break a deadlock or a lock wait; retrying may pass. */
    public static boolean isRetryableConflict(SQLException error) {
        for (SQLException e = error; e != null; e = e.getNextException()) {
            String state = e.getSQLState();
            boolean deadlock = "40001".equals(state) || e.getErrorCode() == MYSQL_DEADLOCK;
            if (deadlock || e.getErrorCode() == MYSQL_LOCK_WAIT_TIMEOUT) {
                return true;
            }
        }
        return false;
    }
}
