package dev.matchflow.matches;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.matchflow.http.TestHttp;
import dev.matchflow.http.TestHttp.Answer;
import dev.matchflow.pools.PoolsApi;
import dev.matchflow.pools.PoolsClient;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.FreePorts;
import dev.matchflow.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

class MatchesApiTest {

    private final UUID ann = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID cat = UUID.randomUUID();

    @DatabaseTest
    void aMatchBetweenTwoMembersIsCreatedWaiting(TestDatabase database) {
        try (MatchesApi api = MatchesApi.start(database)) {
            UUID poolId = api.givenPoolWith(ann, bob);

            Answer created = api.create(poolId, ann, bob);

            assertThat(created.status()).isEqualTo(201);
            JsonNode match = created.json();
            assertThat(match.path("pool_id").asText()).isEqualTo(poolId.toString());
            assertThat(match.path("user_a_id").asText()).isEqualTo(ann.toString());
            assertThat(match.path("user_b_id").asText()).isEqualTo(bob.toString());
            assertThat(match.path("status").asText()).isEqualTo("waiting");
            assertThat(match.path("created_at").asText()).isEqualTo("2025-12-05T10:30:00Z");
            assertThat(api.match(UUID.fromString(match.path("id").asText())).json())
                    .isEqualTo(match);
        }
    }

    @DatabaseTest
    void aMatchNeedsTwoDistinctMembersOfThatPool(TestDatabase database) {
        try (MatchesApi api = MatchesApi.start(database)) {
            UUID poolId = api.givenPoolWith(ann, bob);
            UUID otherPoolId = api.givenPoolWith(cat);

            Answer outsider = api.create(poolId, ann, cat);
            Answer nobody = api.create(poolId, ann, UUID.randomUUID());
            Answer wrongPool = api.create(otherPoolId, ann, cat);
            Answer alone = api.create(poolId, ann, ann);

            assertThat(outsider.status()).isEqualTo(409);
            assertThat(outsider.errorMessage()).startsWith("user " + cat + " is not a member of pool " + poolId);
            assertThat(nobody.status()).isEqualTo(409);
            assertThat(wrongPool.status()).isEqualTo(409);
            assertThat(alone.status()).isEqualTo(400);
            assertThat(TestHttp.get(api.url() + "/matches").json()).isEmpty();
        }
    }

    @DatabaseTest
    void whenPoolsIsDownCreatingAMatchAnswers503NamingPools(TestDatabase database) {
        String nowhere = "http://127.0.0.1:" + FreePorts.unused();
        PoolsClient unreachable = PoolsClient.create(nowhere, Duration.ofSeconds(2));

        try (MatchesApi api = MatchesApi.startWith(PoolsApi.start(database), unreachable)) {

            Answer answer = api.create(UUID.randomUUID(), ann, bob);

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.errorCode()).isEqualTo("unavailable");
            assertThat(answer.errorMessage()).startsWith("pools is unreachable (GET " + nowhere + "/pools/members/");
        }
    }

    @DatabaseTest
    void bothAcceptingAcceptsTheMatch(TestDatabase database) {
        try (MatchesApi api = MatchesApi.start(database)) {
            UUID matchId = api.givenMatch(api.givenPoolWith(ann, bob), ann, bob);

            Answer first = api.decide(matchId, ann, "accept");
            Answer second = api.decide(matchId, bob, "accept");

            assertThat(first.json().path("status").asText()).isEqualTo("waiting");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.json().path("status").asText()).isEqualTo("accepted");
            assertThat(api.match(matchId).json().path("status").asText()).isEqualTo("accepted");
        }
    }

    @DatabaseTest
    void oneRejectionRejectsTheMatchWhateverTheOtherDecides(TestDatabase database) {
        try (MatchesApi api = MatchesApi.start(database)) {
            UUID matchId = api.givenMatch(api.givenPoolWith(ann, bob), ann, bob);

            Answer rejected = api.decide(matchId, ann, "reject");
            Answer laterAccept = api.decide(matchId, bob, "accept");

            assertThat(rejected.json().path("status").asText()).isEqualTo("rejected");
            assertThat(laterAccept.json().path("status").asText()).isEqualTo("rejected");
        }
    }

    @DatabaseTest
    void aUserDecidesOnceOnAMatch(TestDatabase database) {
        try (MatchesApi api = MatchesApi.start(database)) {
            UUID matchId = api.givenMatch(api.givenPoolWith(ann, bob), ann, bob);
            api.decide(matchId, ann, "accept");

            Answer again = api.decide(matchId, ann, "reject");

            assertThat(again.status()).isEqualTo(409);
            assertThat(again.errorMessage()).isEqualTo("user " + ann + " has already decided on match " + matchId);
            assertThat(api.match(matchId).json().path("status").asText()).isEqualTo("waiting");
        }
    }

    @DatabaseTest
    void onlyTheTwoUsersOfAMatchDecideAndOnlyAcceptOrReject(TestDatabase database) {
        try (MatchesApi api = MatchesApi.start(database)) {
            UUID matchId = api.givenMatch(api.givenPoolWith(ann, bob, cat), ann, bob);

            Answer stranger = api.decide(matchId, cat, "accept");
            Answer unsure = api.decide(matchId, ann, "maybe");
            Answer unknownMatch = api.decide(UUID.randomUUID(), ann, "accept");

            assertThat(stranger.status()).isEqualTo(403);
            assertThat(stranger.errorCode()).isEqualTo("forbidden");
            assertThat(unsure.status()).isEqualTo(400);
            assertThat(unsure.errorMessage()).isEqualTo("decision 'maybe' must be 'accept' or 'reject'");
            assertThat(unknownMatch.status()).isEqualTo(404);
        }
    }

    @DatabaseTest
    void listingFiltersByPoolByUserOnEitherSideAndByStatus(TestDatabase database) {
        UUID dan = UUID.randomUUID();

        try (MatchesApi api = MatchesApi.start(database)) {
            UUID poolId = api.givenPoolWith(ann, bob, cat);
            UUID otherPoolId = api.givenPoolWith(dan);
            UUID annBob = api.givenDecidedMatch(poolId, ann, "accept", bob, "accept");
            api.clock().advance(Duration.ofSeconds(1));
            UUID catAnn = api.givenMatch(poolId, cat, ann);
            api.clock().advance(Duration.ofSeconds(1));
            UUID bobCat = api.givenMatch(poolId, bob, cat);

            assertThat(ids(api, "?user_id=" + ann)).containsExactly(annBob, catAnn);
            assertThat(ids(api, "?pool_id=" + poolId + "&status=waiting")).containsExactly(catAnn, bobCat);
            assertThat(ids(api, "?pool_id=" + otherPoolId)).isEmpty();
            assertThat(ids(api, "?status=accepted")).containsExactly(annBob);
            assertThat(TestHttp.get(api.url() + "/matches?status=happy").status())
                    .isEqualTo(400);
            assertThat(TestHttp.get(api.url() + "/matches?user_id=ann").errorMessage())
                    .isEqualTo("user_id 'ann' is not a UUID");
        }
    }

    private static List<UUID> ids(MatchesApi api, String query) {
        List<UUID> ids = new ArrayList<>();
        TestHttp.get(api.url() + "/matches" + query)
                .json()
                .forEach(match -> ids.add(UUID.fromString(match.path("id").asText())));
        return ids;
    }
}
