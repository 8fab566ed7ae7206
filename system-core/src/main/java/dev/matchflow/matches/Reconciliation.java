package dev.matchflow.matches;

import dev.matchflow.db.Database;
import dev.matchflow.db.SqlTimes;
import dev.matchflow.http.ServiceCallException;
import dev.matchflow.pools.Membership;
import dev.matchflow.pools.PoolsClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation sweep: removes the non-accepted matches of users who are no longer members of the match's
 * pool. It repairs leaves whose event never came, as when User-Match dies between the Pools commit and the outbox
 * write.
 *
 * <p>It notes the time first, then asks Pools for the members of every pool that holds non-accepted matches made up
 * to that time, and deletes, one transaction per pool, those of them that involve a user missing from the members.
 * Accepted matches and matches between members are never touched, and neither is a match made after the sweep
 * began: a user who rejoins while it runs keeps the matches of their new membership.
 */
final class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final Database database;
    private final MatchRepository repository;
    private final PoolsClient pools;
    private final Clock clock;
    private final CleanupMetrics metrics;
    private final CleanupCheckpoints checkpoints;

    Reconciliation(
            Database database,
            MatchRepository repository,
            PoolsClient pools,
            Clock clock,
            CleanupMetrics metrics,
            CleanupCheckpoints checkpoints) {
        this.database = database;
        this.repository = repository;
        this.pools = pools;
        this.clock = clock;
        this.metrics = metrics;
        this.checkpoints = checkpoints;
    }

    /**
     * Sweeps every pool once.
     *
     * @throws ServiceCallException when Pools cannot tell the members of a pool; what was swept before stays swept
     */
    ReconcileOutcome run() {
        Instant startedAt = SqlTimes.now(clock);
        List<UUID> candidates =
                database.inTransaction(connection -> repository.poolsNotAccepted(connection, startedAt));

        ReconcileOutcome total = new ReconcileOutcome(0, 0, 0, 0);
        for (UUID poolId : candidates) {
            Optional<Set<UUID>> members = members(poolId);
            if (members.isPresent()) {
                total = total.plus(
                        database.inTransaction(connection -> sweep(connection, poolId, members.get(), startedAt)));
            }
        }

        metrics.recordReconcile(total);
        log.info(
                "reconciliation from {}: checked {} pools against their members in Pools; deleted {} matches and {}"
                        + " decisions of users no longer members, kept {} accepted",
                startedAt,
                total.poolsChecked(),
                total.matchesDeleted(),
                total.decisionsDeleted(),
                total.acceptedKept());
        return total;
    }

    /** The pool's members, or empty when the pool was deleted meanwhile (its matches went with it). */
    private Optional<Set<UUID>> members(UUID poolId) {
        try {
            return Optional.of(
                    pools.members(poolId).stream().map(Membership::userId).collect(Collectors.toSet()));
        } catch (ServiceCallException e) {
            if (e.hasStatus(404)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private ReconcileOutcome sweep(Connection connection, UUID poolId, Set<UUID> members, Instant startedAt)
            throws SQLException {
        checkpoints.begun(connection);
        List<UUID> orphaned = repository.lockPoolsNotAccepted(connection, poolId, startedAt).stream()
                .filter(match -> !isBetween(match, members))
                .map(Match::id)
                .toList();
        MatchRepository.Deleted deleted = repository.deleteWithDecisions(connection, orphaned);
        MatchRepository.Filter accepted =
                new MatchRepository.Filter(Optional.of(poolId), Optional.empty(), Optional.of(MatchStatus.ACCEPTED));
        int acceptedKept = (int) repository.list(connection, accepted).stream()
                .filter(match -> !isBetween(match, members))
                .count();
        checkpoints.deleted(connection);
        return new ReconcileOutcome(1, deleted.matches(), deleted.decisions(), acceptedKept);
    }

    private static boolean isBetween(Match match, Set<UUID> members) {
        return members.contains(match.userAId()) && members.contains(match.userBId());
    }
}
