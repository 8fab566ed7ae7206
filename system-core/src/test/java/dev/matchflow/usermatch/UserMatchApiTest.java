package dev.matchflow.usermatch;

import static dev.matchflow.usermatch.UserMatchTesting.QUICK_RELAY;
import static dev.matchflow.usermatch.UserMatchTesting.eventId;
import static dev.matchflow.usermatch.UserMatchTesting.join;
import static dev.matchflow.usermatch.UserMatchTesting.leave;
import static dev.matchflow.usermatch.UserMatchTesting.membership;
import static dev.matchflow.usermatch.UserMatchTesting.outboxEvent;
import static dev.matchflow.usermatch.UserMatchTesting.outboxRows;
import static dev.matchflow.usermatch.UserMatchTesting.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.events.EncodedEvent;
import dev.matchflow.http.Json;
import dev.matchflow.http.TestHttp;
import dev.matchflow.http.TestHttp.Answer;
import dev.matchflow.pools.PoolsApi;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.FreePorts;
import dev.matchflow.testing.TestDatabase;
import dev.matchflow.usermatch.TestPubSub.Received;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class UserMatchApiTest {

    private static TestPubSub pubSub;

    @BeforeAll
    static void startPubSub() {
        pubSub = TestPubSub.embedded();
    }

    @AfterAll
    static void stopPubSub() {
        pubSub.close();
    }

    @DatabaseTest
    void joiningThroughUserMatchMakesTheUserAMemberOfThePool(TestDatabase database) {
        UUID userId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database);
                UserMatchServer userMatch =
                        UserMatchService.startWithoutPublishing(pools.database(), settings(pools))) {
            UUID poolId = pools.givenPool("evening");

            Answer joined = join(userMatch, userId, poolId);

            assertThat(joined.status()).isEqualTo(201);
            assertThat(joined.json().path("pool_id").asText()).isEqualTo(poolId.toString());
            assertThat(joined.json().path("user_id").asText()).isEqualTo(userId.toString());
            assertThat(joined.json().path("joined_at").asText()).isNotEmpty();
            assertThat(membership(userMatch, userId).json()).isEqualTo(joined.json());
            assertThat(pools.pool(poolId).path("member_count").asInt()).isEqualTo(1);
        }
    }

    @DatabaseTest
    void joiningIsRefusedWithPoolsOwnErrorWhenThePoolIsUnknownOrTheUserIsInAPool(TestDatabase database) {
        UUID userId = UUID.randomUUID();
        UUID unknownPool = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database);
                UserMatchServer userMatch =
                        UserMatchService.startWithoutPublishing(pools.database(), settings(pools))) {
            UUID poolId = pools.givenPool("evening");
            pools.givenMember(poolId, userId);

            Answer unknown = join(userMatch, UUID.randomUUID(), unknownPool);
            Answer again = join(userMatch, userId, poolId);

            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.errorCode()).isEqualTo("not_found");
            assertThat(unknown.errorMessage()).isEqualTo("pool " + unknownPool + " does not exist");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.errorCode()).isEqualTo("conflict");
            assertThat(again.errorMessage()).contains(userId.toString()).contains(poolId.toString());
        }
    }

    @DatabaseTest
    void aUserInNoPoolHasNoMembership(TestDatabase database) {
        UUID userId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database);
                UserMatchServer userMatch =
                        UserMatchService.startWithoutPublishing(pools.database(), settings(pools))) {

            Answer answer = membership(userMatch, userId);

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.errorMessage()).isEqualTo("user " + userId + " is not in any pool");
        }
    }

    @DatabaseTest
    void leavingPublishesThePoolMemberRemovedEventWithItsAttributesAndOrderingKey(TestDatabase database)
            throws IOException {
        UUID userId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database);
                Received received = pubSub.newTopicWithSubscription();
                UserMatchServer userMatch = UserMatchService.start(
                        pools.database(), settings(pools), pubSub.publisher(received.topic(), QUICK_RELAY))) {
            UUID poolId = pools.givenPool("evening");
            pools.givenMember(poolId, userId);

            Answer left = leave(userMatch, userId);

            assertThat(left.status()).isEqualTo(200);
            JsonNode answer = left.json();
            assertThat(answer.path("pool_id").asText()).isEqualTo(poolId.toString());
            assertThat(answer.path("user_id").asText()).isEqualTo(userId.toString());
            assertThat(answer.path("event").asText()).isEqualTo("published");
            await().untilAsserted(() -> assertThat(received.messages()).hasSize(1));
            PubsubMessage message = received.messages().get(0);
            JsonNode body = Json.mapper().readTree(message.getData().toStringUtf8());
            assertThat(body.path("event_type").asText()).isEqualTo("pool_member_removed");
            assertThat(body.path("event_id").asText())
                    .isEqualTo(answer.path("event_id").asText());
            assertThat(body.path("pool_id").asText()).isEqualTo(poolId.toString());
            assertThat(body.path("user_id").asText()).isEqualTo(userId.toString());
            assertThat(Instant.parse(body.path("timestamp").asText()))
                    .isEqualTo(Instant.parse(answer.path("left_at").asText()));
            assertThat(message.getAttributesMap())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "event_type",
                            "pool_member_removed",
                            "pool_id",
                            poolId.toString(),
                            "user_id",
                            userId.toString(),
                            "version",
                            "1"));
            assertThat(message.getOrderingKey()).isEqualTo(userId.toString());
            assertThat(membership(userMatch, userId).status()).isEqualTo(404);
        }
    }

    @DatabaseTest
    void aPublishedEventIsRecordedInTheOutboxWithItsMessageId(TestDatabase database) {
        UUID userId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database);
                Received received = pubSub.newTopicWithSubscription();
                UserMatchServer userMatch = UserMatchService.start(
                        pools.database(), settings(pools), pubSub.publisher(received.topic(), QUICK_RELAY))) {
            UUID poolId = pools.givenPool("evening");
            pools.givenMember(poolId, userId);

            Answer left = leave(userMatch, userId);

            await().untilAsserted(() -> assertThat(received.messages()).hasSize(1));
            OutboxEvent stored = outboxEvent(pools.database(), eventId(left));
            assertThat(stored.publishedAt()).isNotNull();
            assertThat(stored.messageId()).isEqualTo(received.messages().get(0).getMessageId());
            assertThat(stored.attempts()).isEqualTo(1);
            assertThat(stored.leftAt())
                    .isEqualTo(Instant.parse(left.json().path("left_at").asText()));
            assertThat(stored.claimedBy()).isNull();
            assertThat(userMatch.pendingEvents()).isZero();
        }
    }

    @DatabaseTest
    void publishAttemptsAndTheOutboxBacklogAreOnTheMetricsEndpoint(TestDatabase database) {
        UUID userId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database);
                Received received = pubSub.newTopicWithSubscription();
                UserMatchServer userMatch = UserMatchService.start(
                        pools.database(), settings(pools), pubSub.publisher(received.topic(), QUICK_RELAY))) {
            UUID poolId = pools.givenPool("evening");
            pools.givenMember(poolId, userId);
            leave(userMatch, userId);

            String metrics = TestHttp.get(userMatch.url() + "/metrics").body();

            assertThat(metrics)
                    .contains("usermatch_publish_attempts_total 1.0")
                    .contains("usermatch_publish_failures_total{reason=\"refused\"} 0.0")
                    .contains("usermatch_publish_failures_total{reason=\"unanswered\"} 0.0")
                    .contains("usermatch_publish_in_flight 0.0")
                    .contains("usermatch_outbox_backlog 0.0");
        }
    }

    @DatabaseTest
    void leavingWhenInNoPoolIsNotFoundAndStoresNoEvent(TestDatabase database) {
        UUID userId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database);
                Received received = pubSub.newTopicWithSubscription();
                UserMatchServer userMatch = UserMatchService.start(
                        pools.database(), settings(pools), pubSub.publisher(received.topic(), QUICK_RELAY))) {

            Answer left = leave(userMatch, userId);

            assertThat(left.status()).isEqualTo(404);
            assertThat(left.errorCode()).isEqualTo("not_found");
            assertThat(left.errorMessage()).isEqualTo("user " + userId + " is not in any pool");
            assertThat(outboxRows(pools.database())).isZero();
        }
    }

    @DatabaseTest
    void leavingWhilePoolsIsDownAnswers503AndStoresNoEvent(TestDatabase database) {
        String poolsDown = "http://127.0.0.1:" + FreePorts.unused();

        try (PoolsApi pools = PoolsApi.start(database);
                Received received = pubSub.newTopicWithSubscription();
                UserMatchServer userMatch = UserMatchService.start(
                        pools.database(),
                        UserMatchSettings.forPools(poolsDown),
                        pubSub.publisher(received.topic(), QUICK_RELAY))) {

            Answer left = leave(userMatch, UUID.randomUUID());

            assertThat(left.status()).isEqualTo(503);
            assertThat(left.errorCode()).isEqualTo("unavailable");
            assertThat(left.errorMessage()).contains("pools is unreachable").contains(poolsDown);
            assertThat(outboxRows(pools.database())).isZero();
        }
    }

    @DatabaseTest
    void idsThatAreNotUuidsAreRefusedNamingTheId(TestDatabase database) {
        try (PoolsApi pools = PoolsApi.start(database);
                UserMatchServer userMatch =
                        UserMatchService.startWithoutPublishing(pools.database(), settings(pools))) {

            Answer badLeave = TestHttp.delete(userMatch.url() + "/users/abc/pool");
            Answer badGet = TestHttp.get(userMatch.url() + "/users/42/pool");
            Answer badPool = TestHttp.post(
                    userMatch.url() + "/users/" + UUID.randomUUID() + "/pool", "{\"pool_id\":\"evening\"}");

            assertThat(badLeave.status()).isEqualTo(400);
            assertThat(badLeave.errorCode()).isEqualTo("invalid_id");
            assertThat(badLeave.errorMessage()).isEqualTo("user_id 'abc' is not a UUID");
            assertThat(badGet.errorMessage()).isEqualTo("user_id '42' is not a UUID");
            assertThat(badPool.status()).isEqualTo(400);
            assertThat(badPool.errorMessage()).isEqualTo("pool_id 'evening' is not a UUID");
        }
    }

    @DatabaseTest
    void withPublishingDisabledLeavingRemovesTheMembershipAndPublishesNothing(TestDatabase database) {
        UUID userId = UUID.randomUUID();
        UUID stayingId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database);
                Received received = pubSub.newTopicWithSubscription();
                UserMatchServer userMatch = UserMatchService.start(
                        pools.database(),
                        settings(pools).withPublishingEnabled(false),
                        pubSub.publisher(received.topic(), QUICK_RELAY))) {
            UUID poolId = pools.givenPool("evening");
            pools.givenMember(poolId, userId);
            pools.givenMember(poolId, stayingId);

            Answer left = leave(userMatch, userId);
            leave(userMatch, stayingId);
            pubSub.publisher(received.topic(), QUICK_RELAY).publish(sentinel()).join();

            assertThat(left.status()).isEqualTo(200);
            assertThat(left.json().path("event").asText()).isEqualTo("disabled");
            assertThat(left.json().path("event_id").asText()).isNotEmpty();
            assertThat(membership(userMatch, userId).status()).isEqualTo(404);
            assertThat(outboxRows(pools.database())).isZero();
            assertThat(TestHttp.get(userMatch.url() + "/metrics").body())
                    .contains("usermatch_events_unpublished_total 2.0")
                    .contains("usermatch_publish_attempts_total 0.0");
            await().untilAsserted(() -> assertThat(received.messages()).isNotEmpty());
            assertThat(received.messages())
                    .as("only the sentinel published after the leaves arrives")
                    .extracting(PubsubMessage::getOrderingKey)
                    .containsExactly("sentinel");
        }
    }

    private static EncodedEvent sentinel() {
        return new EncodedEvent("{}".getBytes(StandardCharsets.UTF_8), Map.of(), "sentinel");
    }
}
