package dev.matchflow.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.matchflow.http.ErrorCode;
import dev.matchflow.http.ServiceCallException;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import java.util.UUID;

class PoolsClientTest {

    private final UUID ann = UUID.randomUUID();

    @DatabaseTest
    void joiningLookingUpAndLeavingGoThroughTheApi(TestDatabase database) {
        try (PoolsApi pools = PoolsApi.start(database)) {
            PoolsClient client = PoolsClient.create(pools.url());
            UUID poolId = pools.givenPool("evening");

            Membership joined = client.join(poolId, ann);
            EndedMembership ended = client.leave(ann);

            assertThat(joined.poolId()).isEqualTo(poolId);
            assertThat(ended.joinedAt()).isEqualTo(joined.joinedAt());
            assertThat(ended.leftAt()).isAfterOrEqualTo(joined.joinedAt());
            assertThat(client.membership(ann)).isEmpty();
        }
    }

    @DatabaseTest
    void poolsAndMembersAreReadBack(TestDatabase database) {
        try (PoolsApi pools = PoolsApi.start(database)) {
            PoolsClient client = PoolsClient.create(pools.url());
            UUID poolId = pools.givenPool("evening");
            Membership joined = client.join(poolId, ann);

            assertThat(client.membership(ann)).contains(joined);
            assertThat(client.members(poolId)).containsExactly(joined);
            assertThat(client.pool(poolId))
                    .hasValueSatisfying(pool -> assertThat(pool.memberCount()).isEqualTo(1));
            assertThat(client.pool(UUID.randomUUID())).isEmpty();
        }
    }

    @DatabaseTest
    void refusalsCarryPoolsOwnErrorToPassOn(TestDatabase database) {
        try (PoolsApi pools = PoolsApi.start(database)) {
            PoolsClient client = PoolsClient.create(pools.url());
            UUID poolId = pools.givenPool("evening");
            client.join(poolId, ann);

            assertThatThrownBy(() -> client.join(poolId, ann)).isInstanceOfSatisfying(ServiceCallException.class, e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.toApiException().code()).isEqualTo(ErrorCode.CONFLICT);
            });
            assertThatThrownBy(() -> client.leave(UUID.randomUUID()))
                    .isInstanceOfSatisfying(
                            ServiceCallException.class,
                            e -> assertThat(e.remoteCode()).contains("not_found"));
        }
    }
}
