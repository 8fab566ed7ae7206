package dev.matchflow.stack;

import dev.matchflow.http.JsonHttpClient;
import dev.matchflow.http.ServiceCallException;
import dev.matchflow.invariants.History;
import dev.matchflow.matches.CleanupOutcome;
import dev.matchflow.matches.Match;
import dev.matchflow.matches.MatchesService;
import dev.matchflow.matches.ReconcileOutcome;
import dev.matchflow.pools.Membership;
import dev.matchflow.pools.Pool;
import dev.matchflow.pools.PoolsService;
import dev.matchflow.usermatch.LeaveOutcome;
import dev.matchflow.usermatch.UserMatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Drives a running system through its public HTTP APIs, as its real clients would: joins and leaves through
 * User-Match, pools through Pools, matches and decisions through Matches, and the operators' cleanup and
 * reconciliation through Matches' internal endpoints with the stack's token. Every failure is a {@link ServiceCallException} naming the
 * service, the request and the answer.
 *
 * <p>Every answer is noted in the client's {@link History}, which the invariants are checked against.
 *
 * <pre>{@code
 * StackClient client = StackClient.of(stack);
 * Pool pool = client.createPool("evening", null);
 * client.join(user, pool.id());
 * LeaveOutcome left = client.leave(user);
 * }</pre>
 */
public final class StackClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A redrive waits up to ten seconds for Pub/Sub to take each batch of copies. */
    private static final Duration REDRIVE_TIMEOUT = Duration.ofSeconds(60);

    private final JsonHttpClient userMatch;
    private final JsonHttpClient pools;
    private final JsonHttpClient matches;
    private final JsonHttpClient internal;
    private final JsonHttpClient admin;
    private final History history;

    private StackClient(
            JsonHttpClient userMatch,
            JsonHttpClient pools,
            JsonHttpClient matches,
            JsonHttpClient internal,
            JsonHttpClient admin,
            History history) {
        this.userMatch = userMatch;
        this.pools = pools;
        this.matches = matches;
        this.internal = internal;
        this.admin = admin;
        this.history = history;
    }

    /** A client of the stack's services, holding its internal token. */
    public static StackClient of(RunningStack stack) {
        return of(stack.endpoints(), stack.internalToken());
    }

    /** A client of the services at {@code endpoints}, sending {@code internalToken} to the internal endpoints. */
    public static StackClient of(StackEndpoints endpoints, String internalToken) {
        JsonHttpClient matches =
                JsonHttpClient.create(MatchesService.NAME, endpoints.matches().toString(), TIMEOUT);
        return new StackClient(
                JsonHttpClient.create(
                        UserMatchService.NAME, endpoints.userMatch().toString(), TIMEOUT),
                JsonHttpClient.create(PoolsService.NAME, endpoints.pools().toString(), TIMEOUT),
                matches,
                matches.withBearerToken(internalToken),
                JsonHttpClient.create(SystemStack.ADMIN_NAME, endpoints.stack().toString(), REDRIVE_TIMEOUT),
                new History());
    }

    /** The same client, noting every answer in {@code otherHistory} instead. */
    public StackClient recordingInto(History otherHistory) {
        return new StackClient(userMatch, pools, matches, internal, admin, otherHistory);
    }

    /** What this client saw happen. */
    public History history() {
        return history;
    }

    /** Creates a pool; {@code capacity} null for no limit. */
    public Pool createPool(String name, Integer capacity) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        if (capacity != null) {
            body.put("capacity", capacity);
        }
        return pools.post("/pools", body, Pool.class);
    }

    public List<Pool> pools() {
        return List.of(pools.get("/pools", Pool[].class));
    }

    public List<Membership> members(UUID poolId) {
        return List.of(pools.get("/pools/" + poolId + "/members", Membership[].class));
    }

    /** Deletes a pool with everything in it; nothing is published. */
    public void deletePool(UUID poolId) {
        pools.delete("/pools/" + poolId, Void.class);
        history.poolDeleted(poolId, Instant.now());
    }

    /** The user joins the pool through User-Match. */
    public Membership join(UUID userId, UUID poolId) {
        Membership membership =
                userMatch.post("/users/" + userId + "/pool", Map.of("pool_id", poolId.toString()), Membership.class);
        history.joined(membership);
        return membership;
    }

    /** The pool the user is in, through User-Match; empty when none. */
    public Optional<Membership> membership(UUID userId) {
        return userMatch.find("/users/" + userId + "/pool", Membership.class);
    }

    /**
     * The user leaves their pool through User-Match, which publishes the event of the leave. A leave that got no
     * answer or a 5xx may still have ended the membership, and is noted as such.
     */
    public LeaveOutcome leave(UUID userId) {
        Instant requestedAt = Instant.now();
        try {
            LeaveOutcome left = userMatch.delete("/users/" + userId + "/pool", LeaveOutcome.class);
            history.left(left);
            return left;
        } catch (ServiceCallException e) {
            if (e.isUnavailable()) {
                history.leaveFailed(userId, requestedAt);
            }
            throw e;
        }
    }

    /** Offers a match to two members of a pool. */
    public Match createMatch(UUID poolId, UUID userAId, UUID userBId) {
        Map<String, String> body =
                Map.of("pool_id", poolId.toString(), "user_a_id", userAId.toString(), "user_b_id", userBId.toString());
        Match match = matches.post("/matches", body, Match.class);
        history.matchCreated(match);
        return match;
    }

    /** Records a user's {@code accept} or {@code reject} and answers the match as it now is. */
    public Match decide(UUID matchId, UUID userId, String decision) {
        Map<String, String> body = Map.of("user_id", userId.toString(), "decision", decision);
        Match match = matches.post("/matches/" + matchId + "/decisions", body, Match.class);
        history.matchDecided(match, Instant.now());
        return match;
    }

    public Optional<Match> match(UUID matchId) {
        return matches.find("/matches/" + matchId, Match.class);
    }

    /** Every match a user is in. */
    public List<Match> matchesOf(UUID userId) {
        return List.of(matches.get("/matches?user_id=" + userId, Match[].class));
    }

    /** Every match of a pool. */
    public List<Match> matchesIn(UUID poolId) {
        return List.of(matches.get("/matches?pool_id=" + poolId, Match[].class));
    }

    /** Removes every non-accepted match of a pool, as an operator would. */
    public CleanupOutcome cleanUpPool(UUID poolId) {
        Instant requestedAt = Instant.now();
        CleanupOutcome outcome = internal.delete("/matches/internal/cleanup/pool/" + poolId, CleanupOutcome.class);
        history.poolCleanedUp(poolId, requestedAt);
        return outcome;
    }

    /**
     * Runs Matches' reconciliation sweep, which removes the non-accepted matches of users who are no longer members
     * of their pool, as an operator would after User-Match crashed between a Pools commit and its outbox write.
     */
    public ReconcileOutcome reconcile() {
        Instant requestedAt = Instant.now();
        ReconcileOutcome outcome = internal.post("/matches/internal/reconcile", Map.of(), ReconcileOutcome.class);
        history.reconciled(requestedAt);
        return outcome;
    }

    /**
     * Republishes every dead letter through the stack's own endpoint ({@code POST /dead-letters/redrive}), as an
     * operator does once whatever failed their deliveries is fixed.
     */
    public RedriveAnswer redriveDeadLetters() {
        return admin.post("/dead-letters/redrive", Map.of(), RedriveAnswer.class);
    }
}
