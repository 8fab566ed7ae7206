package dev.matchflow.matches;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.matchflow.http.ApiException;
import dev.matchflow.http.ErrorCode;
import dev.matchflow.http.Requests;
import dev.matchflow.security.BearerAuth;
import dev.matchflow.security.InternalTokenVerifier;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Matches HTTP API, as DESIGN.md's table lists it, with the internal cleanup and reconciliation endpoints behind
 * a token.
 */
final class MatchesRoutes {

    /**
     * Event ids are UUIDs, or Pub/Sub message ids standing in for them when an older producer sent no
     * event id; both fit this.
     */
    private static final Pattern EVENT_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");

    /** The body of {@code POST /matches}. */
    record NewMatch(
            String poolId,
            @JsonProperty("user_a_id") String userAId,
            @JsonProperty("user_b_id") String userBId) {}

    /** The body of {@code POST /matches/{match_id}/decisions}. */
    record NewDecision(String userId, String decision) {}

    private MatchesRoutes() {}

    static void register(Javalin app, MatchesService matches, InternalTokenVerifier verifier) {
        app.post("/matches", ctx -> create(ctx, matches));
        app.get("/matches", ctx -> ctx.json(matches.matches(filter(ctx))));
        app.get("/matches/{match_id}", ctx -> ctx.json(matches.match(Requests.pathUuid(ctx, "match_id"))));
        app.post("/matches/{match_id}/decisions", ctx -> decide(ctx, matches));
        app.before("/matches/internal/*", BearerAuth.require(verifier));
        app.delete("/matches/internal/cleanup/user/{user_id}/pool/{pool_id}", ctx -> cleanUpUser(ctx, matches));
        app.delete(
                "/matches/internal/cleanup/pool/{pool_id}",
                ctx -> ctx.json(matches.cleanUpPool(Requests.pathUuid(ctx, "pool_id"))));
        app.post("/matches/internal/reconcile", ctx -> ctx.json(matches.reconcile()));
    }

    private static void create(Context ctx, MatchesService matches) {
        NewMatch request = Requests.body(ctx, NewMatch.class);
        UUID poolId = requiredUuid(request.poolId(), "pool_id");
        UUID userAId = requiredUuid(request.userAId(), "user_a_id");
        UUID userBId = requiredUuid(request.userBId(), "user_b_id");

        ctx.status(201).json(matches.create(poolId, userAId, userBId));
    }

    private static void decide(Context ctx, MatchesService matches) {
        UUID matchId = Requests.pathUuid(ctx, "match_id");
        NewDecision request = Requests.body(ctx, NewDecision.class);
        UUID userId = requiredUuid(request.userId(), "user_id");
        String wireDecision = Requests.required(request.decision(), "decision");
        Decision decision = Decision.fromWireName(wireDecision)
                .orElseThrow(
                        () -> ApiException.invalidBody("decision '" + wireDecision + "' must be 'accept' or 'reject'"));

        ctx.json(matches.decide(matchId, userId, decision));
    }

    private static void cleanUpUser(Context ctx, MatchesService matches) {
        CleanupRequest request = new CleanupRequest(
                Requests.pathUuid(ctx, "user_id"),
                Requests.pathUuid(ctx, "pool_id"),
                Requests.queryInstant(ctx, "left_at"),
                Requests.query(ctx, "event_id").map(MatchesRoutes::eventId));

        ctx.json(matches.cleanUpUser(request));
    }

    private static MatchRepository.Filter filter(Context ctx) {
        Optional<MatchStatus> status = Requests.query(ctx, "status")
                .map(value -> MatchStatus.fromWireName(value)
                        .orElseThrow(() -> new ApiException(
                                ErrorCode.INVALID_PARAMETER,
                                "status '" + value + "' must be 'waiting', 'accepted' or 'rejected'")));
        return new MatchRepository.Filter(
                Requests.queryUuid(ctx, "pool_id"), Requests.queryUuid(ctx, "user_id"), status);
    }

    private static UUID requiredUuid(String value, String field) {
        return Requests.uuid(field, Requests.required(value, field));
    }

    private static String eventId(String value) {
        if (!EVENT_ID.matcher(value).matches()) {
            throw new ApiException(
                    ErrorCode.INVALID_ID, "event_id '" + value + "' is neither a UUID nor a Pub/Sub message id");
        }
        // MariaDB compares strings without regard to case; one spelling per UUID keeps ids distinct everywhere.
        return value.toLowerCase(Locale.ROOT);
    }
}
