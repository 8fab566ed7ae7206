package dev.matchflow.matches;

import static dev.matchflow.matches.MatchesApi.leave;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.matchflow.db.Sql;
import dev.matchflow.http.TestHttp;
import dev.matchflow.http.TestHttp.Answer;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class CleanupTest {

    private final UUID ann = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID cat = UUID.randomUUID();
    private final UUID dan = UUID.randomUUID();

    @DatabaseTest
    void cleanupDeletesTheUsersNonAcceptedMatchesAndTheirDecisionsAndKeepsEverythingElse(TestDatabase database) {
        try (MatchesApi api = MatchesApi.start(database)) {
            UUID oldPoolId = api.givenPoolWith(ann, dan);
            UUID inOldPool = api.givenMatch(oldPoolId, dan, ann);
            api.pools().leave(ann);
            UUID poolId = api.givenPoolWith(ann, bob, cat);
            UUID waiting = api.givenMatch(poolId, ann, bob);
            api.decide(waiting, bob, "accept");
            UUID rejected = api.givenDecidedMatch(poolId, cat, "reject", ann, "accept");
            UUID accepted = api.givenDecidedMatch(poolId, bob, "accept", ann, "accept");
            UUID othersMatch = api.givenMatch(poolId, bob, cat);

            Answer answer = api.cleanUpUser(ann, poolId, "");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(outcome(answer)).isEqualTo(new CleanupOutcome(2, 3, 1, false));
            assertThat(api.match(waiting).status()).isEqualTo(404);
            assertThat(api.match(rejected).status()).isEqualTo(404);
            assertThat(api.match(accepted).status()).isEqualTo(200);
            assertThat(api.match(othersMatch).status()).isEqualTo(200);
            assertThat(api.match(inOldPool).status()).isEqualTo(200);
            assertThat(decisionsOf(api, waiting, rejected)).isZero();
            assertThat(decisionsOf(api, accepted)).isEqualTo(2);
        }
    }

    @DatabaseTest
    void matchesCreatedAfterTheLeaveSurviveItsCleanupToTheMicrosecond(TestDatabase database) {
        Instant leftAt = Instant.parse("2025-12-05T10:30:00.000001Z");

        try (MatchesApi api = MatchesApi.start(database)) {
            UUID poolId = api.givenPoolWith(ann, bob, cat);
            api.clock().set(leftAt);
            UUID atTheLeave = api.givenMatch(poolId, ann, bob);
            api.clock().advance(Duration.ofNanos(1_000));
            UUID aMicrosecondLater = api.givenMatch(poolId, ann, cat);
            api.clock().advance(Duration.ofMillis(1));
            UUID aMillisecondLater = api.givenMatch(poolId, bob, ann);

            Answer answer =
                    api.cleanUpUser(ann, poolId, leave(leftAt, UUID.randomUUID().toString()));

            assertThat(outcome(answer).matchesDeleted()).isEqualTo(1);
            assertThat(api.match(atTheLeave).status()).isEqualTo(404);
            assertThat(api.match(aMicrosecondLater).status()).isEqualTo(200);
            assertThat(api.match(aMillisecondLater).status()).isEqualTo(200);
        }
    }

    @DatabaseTest
    void aRepeatedEventDeletesNothingAndAnswersTheRecordedOutcome(TestDatabase database) {
        String eventId = UUID.randomUUID().toString();

        try (MatchesApi api = MatchesApi.start(database)) {
            UUID poolId = api.givenPoolWith(ann, bob);
            api.givenMatch(poolId, ann, bob);
            api.givenDecidedMatch(poolId, bob, "accept", ann, "accept");
            Instant leftAt = api.clock().instant();
            Answer first = api.cleanUpUser(ann, poolId, leave(leftAt, eventId));
            UUID madeLater = api.givenMatch(poolId, ann, bob);

            Answer again = api.cleanUpUser(ann, poolId, "?event_id=" + eventId);

            assertThat(outcome(first)).isEqualTo(new CleanupOutcome(1, 0, 1, false));
            assertThat(outcome(again)).isEqualTo(new CleanupOutcome(1, 0, 1, true));
            assertThat(api.match(madeLater).status()).isEqualTo(200);
        }
    }

    @DatabaseTest
    void concurrentDeliveriesOfOneEventCleanUpOnce(TestDatabase database) throws Exception {
        String eventId = UUID.randomUUID().toString();

        try (MatchesApi api = MatchesApi.start(database)) {
            UUID poolId = api.givenPoolWith(ann, bob, cat);
            api.givenMatch(poolId, ann, bob);
            api.givenMatch(poolId, cat, ann);
            String query = leave(api.clock().instant(), eventId);

            List<CleanupOutcome> outcomes = together(6, () -> outcome(api.cleanUpUser(ann, poolId, query)));

            assertThat(outcomes).filteredOn(outcome -> !outcome.duplicate()).hasSize(1);
            assertThat(outcomes)
                    .allSatisfy(outcome -> assertThat(outcome.matchesDeleted()).isEqualTo(2));
        }
    }

    @DatabaseTest
    void poolCleanupDeletesEveryNonAcceptedMatchOfThePoolOnly(TestDatabase database) {
        try (MatchesApi api = MatchesApi.start(database)) {
            UUID poolId = api.givenPoolWith(ann, bob, cat);
            UUID eve = UUID.randomUUID();
            UUID otherPoolId = api.givenPoolWith(dan, eve);
            UUID elsewhere = api.givenMatch(otherPoolId, dan, eve);
            UUID waiting = api.givenMatch(poolId, ann, bob);
            UUID rejected = api.givenDecidedMatch(poolId, bob, "reject", cat, "reject");
            UUID accepted = api.givenDecidedMatch(poolId, cat, "accept", ann, "accept");

            Answer answer = api.cleanUp("/matches/internal/cleanup/pool/" + poolId, "");

            assertThat(outcome(answer)).isEqualTo(new CleanupOutcome(2, 2, 1, false));
            assertThat(api.match(waiting).status()).isEqualTo(404);
            assertThat(api.match(rejected).status()).isEqualTo(404);
            assertThat(api.match(accepted).status()).isEqualTo(200);
            assertThat(api.match(elsewhere).status()).isEqualTo(200);
        }
    }

    @DatabaseTest
    void theInternalEndpointsRefuseAMissingOrWrongToken(TestDatabase database) {
        try (MatchesApi api = MatchesApi.start(database)) {
            UUID poolId = api.givenPoolWith(ann, bob);
            UUID matchId = api.givenMatch(poolId, ann, bob);
            String userPath = api.url() + "/matches/internal/cleanup/user/" + ann + "/pool/" + poolId;
            String poolPath = api.url() + "/matches/internal/cleanup/pool/" + poolId;

            Answer missing = TestHttp.delete(userPath);
            Answer wrong = TestHttp.delete(userPath, Map.of("Authorization", "Bearer not-the-token"));
            Answer wrongForPool = TestHttp.delete(poolPath, Map.of("Authorization", "Bearer not-the-token"));
            Answer missingForReconcile = TestHttp.post(api.url() + "/matches/internal/reconcile", "{}");
            Answer wrongForReconcile = TestHttp.send(
                    "POST",
                    api.url() + "/matches/internal/reconcile",
                    HttpRequest.BodyPublishers.ofString("{}"),
                    Map.of("Authorization", "Bearer not-the-token"));

            assertThat(missing.status()).isEqualTo(401);
            assertThat(missing.errorCode()).isEqualTo("unauthenticated");
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrongForPool.status()).isEqualTo(403);
            assertThat(missingForReconcile.status()).isEqualTo(401);
            assertThat(wrongForReconcile.status()).isEqualTo(403);
            assertThat(wrongForReconcile.errorCode()).isEqualTo("forbidden");
            assertThat(api.match(matchId).status()).isEqualTo(200);
        }
    }

    @DatabaseTest
    void badCleanupParametersAreRefusedNamingTheValue(TestDatabase database) {
        try (MatchesApi api = MatchesApi.start(database)) {
            UUID poolId = UUID.randomUUID();

            Answer badTime = api.cleanUpUser(ann, poolId, "?left_at=yesterday");
            Answer badEvent = api.cleanUpUser(ann, poolId, "?event_id=%27%3B");
            Answer badUser = api.cleanUp("/matches/internal/cleanup/user/ann/pool/" + poolId, "");

            assertThat(badTime.status()).isEqualTo(400);
            assertThat(badTime.errorMessage()).startsWith("left_at 'yesterday' is not an RFC 3339 UTC time");
            assertThat(badEvent.status()).isEqualTo(400);
            assertThat(badEvent.errorMessage()).startsWith("event_id ''");
            assertThat(badUser.errorMessage()).isEqualTo("user_id 'ann' is not a UUID");
        }
    }

    @DatabaseTest
    void cleanupCountsAppearInTheMetrics(TestDatabase database) {
        try (MatchesApi api = MatchesApi.start(database)) {
            UUID poolId = api.givenPoolWith(ann, bob);
            api.givenMatch(poolId, ann, bob);
            String query = leave(api.clock().instant(), UUID.randomUUID().toString());
            api.cleanUpUser(ann, poolId, query);
            api.cleanUpUser(ann, poolId, query);

            String metrics = TestHttp.get(api.url() + "/metrics").body();

            assertThat(metrics)
                    .contains("matchflow_cleanup_matches_deleted_total{scope=\"user\"} 1.0")
                    .contains("matchflow_cleanup_duplicates_total 1.0");
        }
    }

    private static CleanupOutcome outcome(Answer answer) {
        JsonNode json = answer.json();
        if (answer.status() != 200) {
            throw new AssertionError("cleanup answered " + answer);
        }
        return new CleanupOutcome(
                json.path("matches_deleted").asInt(),
                json.path("decisions_deleted").asInt(),
                json.path("accepted_kept").asInt(),
                json.path("duplicate").asBoolean());
    }

    private static int decisionsOf(MatchesApi api, UUID... matchIds) {
        return api.pools()
                .database()
                .inTransaction(connection -> Sql.count(
                        connection,
                        "SELECT COUNT(*) FROM match_decisions WHERE match_id IN (" + Sql.placeholders(matchIds.length)
                                + ")",
                        (Object[]) matchIds));
    }

    private static <T> List<T> together(int callers, Callable<T> call) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
