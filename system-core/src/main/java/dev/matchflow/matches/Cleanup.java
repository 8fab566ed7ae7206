package dev.matchflow.matches;

import dev.matchflow.db.Database;
import dev.matchflow.db.SqlErrors;
import dev.matchflow.db.SqlTimes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes non-accepted matches and their decisions, each cleanup in one transaction. A cleanup with an
 * event id first claims the id in {@code cleanup_log}; its primary key lets only one delivery of an event
 * delete anything, and later ones answer the outcome recorded by the first.
 */
final class Cleanup {

    private static final Logger log = LoggerFactory.getLogger(Cleanup.class);
    private static final int ATTEMPTS = 3;

    private final Database database;
    private final MatchRepository repository;
    private final Clock clock;
    private final CleanupMetrics metrics;
    private final CleanupCheckpoints checkpoints;

    Cleanup(
            Database database,
            MatchRepository repository,
            Clock clock,
            CleanupMetrics metrics,
            CleanupCheckpoints checkpoints) {
        this.database = database;
        this.repository = repository;
        this.clock = clock;
        this.metrics = metrics;
        this.checkpoints = checkpoints;
    }

    CleanupOutcome user(CleanupRequest request) {
        CleanupOutcome outcome = userOnceClaimed(request);
        metrics.recordUser(outcome);
        log.info(
                "cleanup event={} user={} pool={} left_at={}: deleted {} matches and {} decisions, kept {} accepted{}",
                request.eventId().orElse("none"),
                request.userId(),
                request.poolId(),
                request.leftAt().map(Object::toString).orElse("none"),
                outcome.matchesDeleted(),
                outcome.decisionsDeleted(),
                outcome.acceptedKept(),
                outcome.duplicate() ? " (duplicate event: recorded outcome, nothing deleted now)" : "");
        return outcome;
    }

    CleanupOutcome pool(UUID poolId) {
        CleanupOutcome outcome = database.inTransaction(connection -> {
            checkpoints.begun(connection);
            MatchRepository.Deleted deleted =
                    repository.deleteWithDecisions(connection, repository.lockPoolsNotAccepted(connection, poolId));
            int acceptedKept = repository.countPoolsAccepted(connection, poolId);
            checkpoints.deleted(connection);
            return new CleanupOutcome(deleted.matches(), deleted.decisions(), acceptedKept, false);
        });
        metrics.recordPool(outcome);
        log.info(
                "cleanup pool={}: deleted {} matches and {} decisions, kept {} accepted",
                poolId,
                outcome.matchesDeleted(),
                outcome.decisionsDeleted(),
                outcome.acceptedKept());
        return outcome;
    }

    private CleanupOutcome userOnceClaimed(CleanupRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return database.inTransaction(connection -> user(connection, request));
            } catch (EventAlreadyClaimed e) {
                // The other claim may still roll back; then the next attempt claims the event itself.
                Optional<CleanupOutcome> recorded = recorded(request.eventId().orElseThrow());
                if (recorded.isPresent() || attempt >= ATTEMPTS) {
                    return recorded.orElseThrow(() -> e);
                }
            }
        }
    }

    private CleanupOutcome user(Connection connection, CleanupRequest request) throws SQLException {
        checkpoints.begun(connection);
        if (request.eventId().isPresent()) {
            Optional<CleanupOutcome> recorded =
                    repository.recordedCleanup(connection, request.eventId().get());
            if (recorded.isPresent()) {
                return recorded.get();
            }
            claim(connection, request);
        }
        List<UUID> doomed = repository.lockUsersNotAccepted(
                connection, request.poolId(), request.userId(), request.leftAt().orElse(null));
        MatchRepository.Deleted deleted = repository.deleteWithDecisions(connection, doomed);
        int acceptedKept = repository.countUsersAccepted(connection, request.poolId(), request.userId());
        CleanupOutcome outcome = new CleanupOutcome(deleted.matches(), deleted.decisions(), acceptedKept, false);
        if (request.eventId().isPresent()) {
            repository.recordOutcome(connection, request.eventId().get(), outcome);
        }
        checkpoints.deleted(connection);
        return outcome;
    }

    private void claim(Connection connection, CleanupRequest request) throws SQLException {
        try {
            repository.claimEvent(connection, request, SqlTimes.now(clock));
        } catch (SQLException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new EventAlreadyClaimed(request.eventId().orElseThrow(), e);
            }
            throw e;
        }
    }

    private Optional<CleanupOutcome> recorded(String eventId) {
        return database.inTransaction(connection -> repository.recordedCleanup(connection, eventId));
    }

    /** Another delivery of the same event claimed it first. */
    private static final class EventAlreadyClaimed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        EventAlreadyClaimed(String eventId, SQLException cause) {
            super("cleanup event " + eventId + " was claimed by another delivery, which has not committed", cause);
        }
    }
}
