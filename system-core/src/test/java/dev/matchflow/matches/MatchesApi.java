package dev.matchflow.matches;

import dev.matchflow.http.ApiServer;
import dev.matchflow.http.HttpSettings;
import dev.matchflow.http.TestHttp;
import dev.matchflow.http.TestHttp.Answer;
import dev.matchflow.pools.PoolsApi;
import dev.matchflow.pools.PoolsClient;
import dev.matchflow.security.InternalTokenVerifier;
import dev.matchflow.security.SharedSecretVerifier;
import dev.matchflow.testing.TestClock;
import dev.matchflow.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A running Pools and Matches pair on a test database, with the calls tests make to them. */
public final class MatchesApi implements AutoCloseable {

    private final PoolsApi pools;
    private final ApiServer matches;
    private final String token;
    private final TestClock clock;

    private MatchesApi(PoolsApi pools, ApiServer matches, String token, TestClock clock) {
        this.pools = pools;
        this.matches = matches;
        this.token = token;
        this.clock = clock;
    }

    /** Starts Pools, then Matches calling it; Matches dates matches with the returned {@link #clock()}. */
    public static MatchesApi start(TestDatabase testDatabase) {
        PoolsApi pools = PoolsApi.start(testDatabase);
        return startWith(pools, PoolsClient.create(pools.url()));
    }

    /**
     * Starts Pools, then Matches on {@code settings} checking internal calls with {@code verifier}; {@link
     * #cleanUp} then sends no accepted token.
     */
    public static MatchesApi startWith(
            TestDatabase testDatabase, HttpSettings settings, InternalTokenVerifier verifier) {
        PoolsApi pools = PoolsApi.start(testDatabase);
        TestClock clock = new TestClock(Instant.parse("2025-12-05T10:30:00Z"));
        ApiServer matches =
                MatchesService.start(pools.database(), settings, PoolsClient.create(pools.url()), verifier, clock);
        return new MatchesApi(pools, matches, "", clock);
    }

    /** Starts Matches with a Pools client of the test's choosing, for example one that points nowhere. */
    public static MatchesApi startWith(PoolsApi pools, PoolsClient poolsClient) {
        String token = SharedSecretVerifier.randomSecret();
        TestClock clock = new TestClock(Instant.parse("2025-12-05T10:30:00Z"));
        ApiServer matches = MatchesService.start(
                pools.database(), HttpSettings.loopback(), poolsClient, new SharedSecretVerifier(token), clock);
        return new MatchesApi(pools, matches, token, clock);
    }

    public PoolsApi pools() {
        return pools;
    }

    public String url() {
        return matches.url();
    }

    public TestClock clock() {
        return clock;
    }

    /** A pool with the given users as members. */
    public UUID givenPoolWith(UUID... members) {
        UUID poolId = pools.givenPool("pool");
        for (UUID member : members) {
            pools.givenMember(poolId, member);
        }
        return poolId;
    }

    /** A waiting match, failing the test when Matches refuses it. */
    public UUID givenMatch(UUID poolId, UUID userAId, UUID userBId) {
        Answer answer = create(poolId, userAId, userBId);
        if (answer.status() != 201) {
            throw new AssertionError("creating a match answered " + answer);
        }
        return UUID.fromString(answer.json().path("id").asText());
    }

    /** A match both users decided on as given. */
    public UUID givenDecidedMatch(UUID poolId, UUID userAId, String decisionA, UUID userBId, String decisionB) {
        UUID matchId = givenMatch(poolId, userAId, userBId);
        decide(matchId, userAId, decisionA);
        decide(matchId, userBId, decisionB);
        return matchId;
    }

    public Answer create(UUID poolId, UUID userAId, UUID userBId) {
        return TestHttp.post(
                url() + "/matches",
                "{\"pool_id\":\"" + poolId + "\",\"user_a_id\":\"" + userAId + "\",\"user_b_id\":\"" + userBId + "\"}");
    }

    public Answer decide(UUID matchId, UUID userId, String decision) {
        return TestHttp.post(
                url() + "/matches/" + matchId + "/decisions",
                "{\"user_id\":\"" + userId + "\",\"decision\":\"" + decision + "\"}");
    }

    public Answer match(UUID matchId) {
        return TestHttp.get(url() + "/matches/" + matchId);
    }

    /** {@code DELETE} on an internal cleanup path with the right token; {@code query} may be empty. */
    public Answer cleanUp(String path, String query) {
        return TestHttp.delete(url() + path + query, Map.of("Authorization", "Bearer " + token));
    }

    public Answer cleanUpUser(UUID userId, UUID poolId, String query) {
        return cleanUp("/matches/internal/cleanup/user/" + userId + "/pool/" + poolId, query);
    }

    /** The query string for a cleanup of one leave. */
    public static String leave(Instant leftAt, String eventId) {
        return "?left_at=" + URLEncoder.encode(leftAt.toString(), StandardCharsets.UTF_8) + "&event_id=" + eventId;
    }

    @Override
    public void close() {
        matches.close();
        pools.close();
    }
}
