package dev.matchflow.pools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.db.Sql;
import dev.matchflow.http.TestHttp;
import dev.matchflow.http.TestHttp.Answer;
import dev.matchflow.matches.MatchesApi;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import java.util.UUID;

class PoolDeletionTest {

    private final UUID ann = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID cat = UUID.randomUUID();

    @DatabaseTest
    void deletingAPoolRemovesItsMembersMatchesOfEveryStatusAndTheirDecisions(TestDatabase database) {
        try (MatchesApi api = MatchesApi.start(database)) {
            UUID poolId = api.givenPoolWith(ann, bob, cat);
            UUID waiting = api.givenMatch(poolId, ann, bob);
            api.decide(waiting, ann, "accept");
            UUID accepted = api.givenDecidedMatch(poolId, bob, "accept", cat, "accept");
            UUID keptPool = api.givenPoolWith(UUID.randomUUID(), UUID.randomUUID());

            Answer deleted = TestHttp.delete(api.pools().url() + "/pools/" + poolId);

            assertThat(deleted.status()).isEqualTo(204);
            assertThat(TestHttp.get(api.pools().url() + "/pools/" + poolId).status())
                    .isEqualTo(404);
            assertThat(TestHttp.get(api.pools().url() + "/pools/members/" + ann).status())
                    .isEqualTo(404);
            assertThat(api.match(waiting).status()).isEqualTo(404);
            assertThat(api.match(accepted).status()).isEqualTo(404);
            assertThat(rows(api, "match_decisions")).isZero();
            assertThat(rows(api, "pool_members")).isEqualTo(2);
            assertThat(api.pools().pool(keptPool).path("member_count").asInt()).isEqualTo(2);
        }
    }

    @DatabaseTest
    void aUserOfADeletedPoolCanJoinAnother(TestDatabase database) {
        try (MatchesApi api = MatchesApi.start(database)) {
            UUID poolId = api.givenPoolWith(ann);
            TestHttp.delete(api.pools().url() + "/pools/" + poolId);

            Answer joined = api.pools().join(api.pools().givenPool("next"), ann);

            assertThat(joined.status()).isEqualTo(201);
        }
    }

    private static int rows(MatchesApi api, String table) {
        return api.pools()
                .database()
                .inTransaction(connection -> Sql.count(connection, "SELECT COUNT(*) FROM " + table));
    }
}
