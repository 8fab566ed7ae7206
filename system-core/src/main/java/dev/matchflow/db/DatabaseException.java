package dev.matchflow.db;

/** A database operation failed; the message says which and the cause holds the driver's error. */
public class DatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
