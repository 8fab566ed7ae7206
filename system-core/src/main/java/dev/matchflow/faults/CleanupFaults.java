package dev.matchflow.faults;

import dev.matchflow.matches.CleanupCheckpoints;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * The faults of the database inside Matches' cleanup transactions. Down, a transaction fails as it begins, with the
 * SQL state of a lost connection. Slow, it holds its locks longer before it commits. A cleanup error makes the
 * database itself fail a statement after the deletions, so the transaction rolls back with everything it did.
 */
final class CleanupFaults implements CleanupCheckpoints {

    /** Every database refuses it: the column does not exist. Its name tells whoever reads the error why. */
    private static final String FAILING_STATEMENT = "SELECT simulated_cleanup_error FROM cleanup_log";

    private static final String CONNECTION_LOST = "08S01";

    private final FaultBoard board;

    CleanupFaults(FaultBoard board) {
        this.board = board;
    }

    @Override
    public void begun(Connection connection) throws SQLException {
        Optional<ArmedFault> down = board.armed(FaultComponent.DATABASE, FaultKind.DOWN);
        if (down.isPresent() && down.get().strikes()) {
            throw new SQLTransientConnectionException(
                    "the cleanup's database cannot be reached (fault '"
                            + down.get().fault() + "')",
                    CONNECTION_LOST);
        }
    }

    @Override
    public void deleted(Connection connection) throws SQLException {
        Optional<ArmedFault> slow = board.armed(FaultComponent.DATABASE, FaultKind.SLOW);
        if (slow.isPresent()) {
            holdLocks(slow.get());
        }
        Optional<ArmedFault> error = board.armed(FaultComponent.DATABASE, FaultKind.CLEANUP_ERROR);
        if (error.isPresent() && error.get().strikes()) {
            try (PreparedStatement failing = connection.prepareStatement(FAILING_STATEMENT)) {
                failing.executeQuery();
            }
            throw new SQLException("the database ran '" + FAILING_STATEMENT + "', which it should have refused");
        }
    }

    private static void holdLocks(ArmedFault slow) throws SQLException {
        try {
            slow.hold();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while the cleanup's database was slow on purpose", e);
        }
    }
}
