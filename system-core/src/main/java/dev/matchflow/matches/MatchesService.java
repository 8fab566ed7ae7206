package dev.matchflow.matches;

import dev.matchflow.db.Database;
import dev.matchflow.db.SqlErrors;
import dev.matchflow.db.SqlTimes;
import dev.matchflow.http.ApiException;
import dev.matchflow.http.ApiServer;
import dev.matchflow.http.ErrorCode;
import dev.matchflow.http.HttpSettings;
import dev.matchflow.pools.Membership;
import dev.matchflow.pools.PoolsClient;
import dev.matchflow.security.InternalTokenVerifier;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Matches service: matches between two members of a pool, their decisions, and the cleanup that
 * removes a leaving user's non-accepted matches.
 */
public final class MatchesService {

    /** The service's name in logs, metrics and errors. */
    public static final String NAME = "matches";

    private static final Logger log = LoggerFactory.getLogger(MatchesService.class);

    private final Database database;
    private final PoolsClient pools;
    private final Clock clock;
    private final MatchRepository repository = new MatchRepository();
    private final Cleanup cleanup;
    private final Reconciliation reconciliation;

    MatchesService(
            Database database, PoolsClient pools, Clock clock, CleanupMetrics metrics, CleanupCheckpoints checkpoints) {
        this.database = database;
        this.pools = pools;
        this.clock = clock;
        this.cleanup = new Cleanup(database, repository, clock, metrics, checkpoints);
        this.reconciliation = new Reconciliation(database, repository, pools, clock, metrics, checkpoints);
    }

    /**
     * Starts the Matches HTTP API over the database, which must already be open; it checks memberships
     * with {@code pools} and lets only callers the verifier accepts use the internal endpoints.
     */
    public static ApiServer start(
            Database database, HttpSettings settings, PoolsClient pools, InternalTokenVerifier verifier) {
        return start(database, settings, pools, verifier, Clock.systemUTC());
    }

    /**
     * As {@link #start(Database, HttpSettings, PoolsClient, InternalTokenVerifier)}, with the clock that dates
     * matches and decisions.
     */
    public static ApiServer start(
            Database database, HttpSettings settings, PoolsClient pools, InternalTokenVerifier verifier, Clock clock) {
        return start(database, settings, pools, verifier, clock, CleanupCheckpoints.NONE);
    }

    /**
     * As {@link #start(Database, HttpSettings, PoolsClient, InternalTokenVerifier, Clock)}, running {@code
     * checkpoints} inside every cleanup transaction.
     */
    public static ApiServer start(
            Database database,
            HttpSettings settings,
            PoolsClient pools,
            InternalTokenVerifier verifier,
            Clock clock,
            CleanupCheckpoints checkpoints) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MatchesService matches = new MatchesService(database, pools, clock, new CleanupMetrics(registry), checkpoints);
        return ApiServer.start(NAME, settings, registry, app -> MatchesRoutes.register(app, matches, verifier));
    }

    Match create(UUID poolId, UUID userAId, UUID userBId) {
        if (userAId.equals(userBId)) {
            throw ApiException.invalidBody("user_a_id and user_b_id are both " + userAId + "; a match needs two users");
        }
        requireMember(poolId, userAId);
        requireMember(poolId, userBId);
        Instant now = SqlTimes.now(clock);
        Match match = new Match(UUID.randomUUID(), poolId, userAId, userBId, MatchStatus.WAITING, now, now);
        database.inTransaction(connection -> insert(connection, match));
        log.info("match {} created in pool {} between {} and {}", match.id(), poolId, userAId, userBId);
        return match;
    }

    Match match(UUID matchId) {
        return database.inTransaction(connection -> repository.find(connection, matchId))
                .orElseThrow(() -> matchNotFound(matchId));
    }

    List<Match> matches(MatchRepository.Filter filter) {
        return database.inTransaction(connection -> repository.list(connection, filter));
    }

    Match decide(UUID matchId, UUID userId, Decision decision) {
        Match decided = database.inTransaction(connection -> decide(connection, matchId, userId, decision));
        log.info(
                "user {} chose {} on match {}, now {}",
                userId,
                decision.wireName(),
                matchId,
                decided.status().wireName());
        return decided;
    }

    CleanupOutcome cleanUpUser(CleanupRequest request) {
        return cleanup.user(request);
    }

    CleanupOutcome cleanUpPool(UUID poolId) {
        return cleanup.pool(poolId);
    }

    ReconcileOutcome reconcile() {
        return reconciliation.run();
    }

    private void requireMember(UUID poolId, UUID userId) {
        Optional<Membership> membership = pools.membership(userId);
        if (membership.isEmpty() || !membership.get().poolId().equals(poolId)) {
            throw ApiException.conflict("user " + userId + " is not a member of pool " + poolId
                    + "; both users must be in the pool to be matched");
        }
    }

    private Match insert(Connection connection, Match match) throws SQLException {
        try {
            repository.insert(connection, match);
            return match;
        } catch (SQLException e) {
            if (SqlErrors.isMissingReference(e)) {
                throw ApiException.conflict("pool " + match.poolId() + " was deleted while the match was made");
            }
            throw e;
        }
    }

    private Match decide(Connection connection, UUID matchId, UUID userId, Decision decision) throws SQLException {
        Match match = repository.lock(connection, matchId).orElseThrow(() -> matchNotFound(matchId));
        if (!match.involves(userId)) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "user " + userId + " is not one of the two users of match " + matchId);
        }
        Instant now = SqlTimes.now(clock);
        try {
            repository.insertDecision(connection, matchId, userId, decision, now);
        } catch (SQLException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw ApiException.conflict("user " + userId + " has already decided on match " + matchId);
            }
            throw e;
        }
        MatchStatus status = statusAfter(repository.decisions(connection, matchId));
        repository.updateStatus(connection, matchId, status, now);
        return new Match(match.id(), match.poolId(), match.userAId(), match.userBId(), status, match.createdAt(), now);
    }

    private static MatchStatus statusAfter(List<Decision> decisions) {
        if (decisions.contains(Decision.REJECT)) {
            return MatchStatus.REJECTED;
        }
        return decisions.size() == 2 ? MatchStatus.ACCEPTED : MatchStatus.WAITING;
    }

    private static ApiException matchNotFound(UUID matchId) {
        return ApiException.notFound("match " + matchId + " does not exist");
    }
}
