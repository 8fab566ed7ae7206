package dev.matchflow.pools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.matchflow.http.TestHttp;
import dev.matchflow.http.TestHttp.Answer;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

class PoolsApiTest {

    @DatabaseTest
    void aCreatedPoolCanBeReadAndIsListed(TestDatabase database) {
        try (PoolsApi pools = PoolsApi.start(database)) {

            Answer created = TestHttp.post(pools.url() + "/pools", "{\"name\":\"evening\",\"capacity\":4}");

            assertThat(created.status()).isEqualTo(201);
            JsonNode pool = created.json();
            assertThat(pool.path("name").asText()).isEqualTo("evening");
            assertThat(pool.path("capacity").asInt()).isEqualTo(4);
            assertThat(pool.path("member_count").asInt()).isZero();
            assertThat(pool.path("created_at").asText()).endsWith("Z");
            UUID poolId = UUID.fromString(pool.path("id").asText());
            assertThat(pools.pool(poolId)).isEqualTo(pool);
            assertThat(TestHttp.get(pools.url() + "/pools").json()).containsExactly(pool);
        }
    }

    @DatabaseTest
    void aPoolWithoutCapacityHasNoLimit(TestDatabase database) {
        try (PoolsApi pools = PoolsApi.start(database)) {

            UUID poolId = pools.givenPool("open");

            assertThat(pools.pool(poolId).path("capacity").isNull()).isTrue();
        }
    }

    @DatabaseTest
    void joiningAddsTheMembershipAndCountsIt(TestDatabase database) {
        UUID userId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database)) {
            UUID poolId = pools.givenPool("evening");

            Answer joined = pools.join(poolId, userId);

            assertThat(joined.status()).isEqualTo(201);
            assertThat(joined.json().path("pool_id").asText()).isEqualTo(poolId.toString());
            assertThat(joined.json().path("user_id").asText()).isEqualTo(userId.toString());
            assertThat(pools.pool(poolId).path("member_count").asInt()).isEqualTo(1);
            assertThat(pools.members(poolId)).containsExactly(joined.json());
            assertThat(TestHttp.get(pools.url() + "/pools/members/" + userId).json())
                    .isEqualTo(joined.json());
        }
    }

    @DatabaseTest
    void joiningWhileInAPoolIsAConflict(TestDatabase database) {
        UUID userId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database)) {
            UUID first = pools.givenPool("first");
            UUID second = pools.givenPool("second");
            pools.givenMember(first, userId);

            Answer again = pools.join(first, userId);
            Answer elsewhere = pools.join(second, userId);

            assertThat(again.status()).isEqualTo(409);
            assertThat(again.errorCode()).isEqualTo("conflict");
            assertThat(elsewhere.status()).isEqualTo(409);
            assertThat(elsewhere.errorMessage()).contains(userId.toString()).contains(first.toString());
            assertThat(pools.pool(second).path("member_count").asInt()).isZero();
        }
    }

    @DatabaseTest
    void aFullPoolRefusesAnotherMember(TestDatabase database) {
        try (PoolsApi pools = PoolsApi.start(database)) {
            Answer created = TestHttp.post(pools.url() + "/pools", "{\"name\":\"duo\",\"capacity\":2}");
            UUID poolId = UUID.fromString(created.json().path("id").asText());
            pools.givenMember(poolId, UUID.randomUUID());
            pools.givenMember(poolId, UUID.randomUUID());

            Answer third = pools.join(poolId, UUID.randomUUID());

            assertThat(third.status()).isEqualTo(409);
            assertThat(third.errorMessage()).isEqualTo("pool " + poolId + " is full (capacity 2)");
        }
    }

    @DatabaseTest
    void leavingRemovesTheMembershipDecrementsTheCountAndSaysWhenItEnded(TestDatabase database) {
        UUID userId = UUID.randomUUID();
        UUID stayingId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database)) {
            UUID poolId = pools.givenPool("evening");
            pools.givenMember(poolId, userId);
            pools.givenMember(poolId, stayingId);

            Answer left = pools.leave(userId);

            assertThat(left.status()).isEqualTo(200);
            JsonNode ended = left.json();
            assertThat(ended.path("pool_id").asText()).isEqualTo(poolId.toString());
            assertThat(ended.path("user_id").asText()).isEqualTo(userId.toString());
            Instant joinedAt = Instant.parse(ended.path("joined_at").asText());
            assertThat(Instant.parse(ended.path("left_at").asText())).isAfterOrEqualTo(joinedAt);
            assertThat(pools.pool(poolId).path("member_count").asInt()).isEqualTo(1);
            assertThat(TestHttp.get(pools.url() + "/pools/members/" + userId).status())
                    .isEqualTo(404);
        }
    }

    @DatabaseTest
    void leavingWhenInNoPoolIsNotFound(TestDatabase database) {
        UUID userId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database)) {

            Answer left = pools.leave(userId);

            assertThat(left.status()).isEqualTo(404);
            assertThat(left.errorMessage()).isEqualTo("user " + userId + " is not in any pool");
        }
    }

    @DatabaseTest
    void aLeftUserCanJoinAgain(TestDatabase database) {
        UUID userId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database)) {
            UUID poolId = pools.givenPool("evening");
            pools.givenMember(poolId, userId);
            pools.leave(userId);

            Answer rejoined = pools.join(poolId, userId);

            assertThat(rejoined.status()).isEqualTo(201);
            assertThat(pools.pool(poolId).path("member_count").asInt()).isEqualTo(1);
        }
    }

    @DatabaseTest
    void anUnknownPoolIsNotFound(TestDatabase database) {
        UUID poolId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database)) {

            assertThat(TestHttp.get(pools.url() + "/pools/" + poolId).status()).isEqualTo(404);
            assertThat(pools.join(poolId, UUID.randomUUID()).status()).isEqualTo(404);
            assertThat(TestHttp.delete(pools.url() + "/pools/" + poolId).status())
                    .isEqualTo(404);
        }
    }

    @DatabaseTest
    void idsThatAreNotUuidsAreRefusedNamingTheId(TestDatabase database) {
        try (PoolsApi pools = PoolsApi.start(database)) {
            UUID poolId = pools.givenPool("evening");

            Answer badPool = TestHttp.get(pools.url() + "/pools/abc");
            Answer badUser = TestHttp.post(pools.url() + "/pools/" + poolId + "/members", "{\"user_id\":\"xyz\"}");
            Answer badMember = TestHttp.delete(pools.url() + "/pools/members/42");

            assertThat(badPool.status()).isEqualTo(400);
            assertThat(badPool.errorCode()).isEqualTo("invalid_id");
            assertThat(badPool.errorMessage()).isEqualTo("pool_id 'abc' is not a UUID");
            assertThat(badUser.errorMessage()).isEqualTo("user_id 'xyz' is not a UUID");
            assertThat(badMember.errorMessage()).isEqualTo("user_id '42' is not a UUID");
        }
    }

    @DatabaseTest
    void anOversizedBodyIsRefusedWith413AndCreatesNothing(TestDatabase database) {
        String hugeName = "x".repeat(70 * 1024);

        try (PoolsApi pools = PoolsApi.start(database)) {

            Answer answer = TestHttp.post(pools.url() + "/pools", "{\"name\":\"" + hugeName + "\"}");

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.errorCode()).isEqualTo("body_too_large");
            assertThat(TestHttp.get(pools.url() + "/pools").json()).isEmpty();
        }
    }

    @DatabaseTest
    void malformedJsonIsRefusedWith400(TestDatabase database) {
        try (PoolsApi pools = PoolsApi.start(database)) {

            Answer answer = TestHttp.post(pools.url() + "/pools", "{\"name\":");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("invalid_body");
        }
    }

    @DatabaseTest
    void aPoolNeedsANameAndAPositiveCapacity(TestDatabase database) {
        try (PoolsApi pools = PoolsApi.start(database)) {

            Answer nameless = TestHttp.post(pools.url() + "/pools", "{\"capacity\":3}");
            Answer empty = TestHttp.post(pools.url() + "/pools", "{\"name\":\"none\",\"capacity\":0}");

            assertThat(nameless.errorMessage()).isEqualTo("field 'name' is required");
            assertThat(empty.status()).isEqualTo(400);
            assertThat(empty.errorMessage()).startsWith("capacity 0 must be at least 1");
        }
    }

    @DatabaseTest
    void aPoolCanBeListedWithItsMembersInJoiningOrder(TestDatabase database) {
        List<UUID> users = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        try (PoolsApi pools = PoolsApi.start(database)) {
            UUID poolId = pools.givenPool("evening");
            users.forEach(userId -> pools.givenMember(poolId, userId));

            List<String> listed = new ArrayList<>();
            pools.members(poolId)
                    .forEach(member -> listed.add(member.path("user_id").asText()));

            assertThat(listed)
                    .containsExactlyElementsOf(
                            users.stream().map(UUID::toString).toList());
        }
    }
}
