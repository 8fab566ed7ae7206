package dev.matchflow.matches;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs inside every cleanup transaction of Matches (a leave's cleanup, a pool's, a reconciliation sweep's), on the
 * transaction's own connection: once when it has begun and once when its deletions are done, just before it commits.
 * Deployed services use {@link #NONE}; the simulator slows or breaks the database of a cleanup here, so that a
 * failure strikes in the middle of a real transaction and its rollback is real.
 */
public interface CleanupCheckpoints {

    /** Does nothing. */
    CleanupCheckpoints NONE = new CleanupCheckpoints() {};

    /** The transaction has begun; nothing is locked or deleted yet. */
    default void begun(Connection connection) throws SQLException {}

    /** The transaction has deleted what it deletes and is about to commit. */
    default void deleted(Connection connection) throws SQLException {}
}
