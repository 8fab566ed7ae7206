package dev.matchflow.usermatch;

import static dev.matchflow.usermatch.UserMatchTesting.QUICK_RELAY;
import static dev.matchflow.usermatch.UserMatchTesting.eventId;
import static dev.matchflow.usermatch.UserMatchTesting.join;
import static dev.matchflow.usermatch.UserMatchTesting.leave;
import static dev.matchflow.usermatch.UserMatchTesting.outboxEvent;
import static dev.matchflow.usermatch.UserMatchTesting.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.db.Database;
import dev.matchflow.db.SqlTimes;
import dev.matchflow.db.TestDatabases;
import dev.matchflow.events.EventCodec;
import dev.matchflow.events.PoolMemberRemoved;
import dev.matchflow.http.Json;
import dev.matchflow.http.TestHttp.Answer;
import dev.matchflow.pools.PoolsApi;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import dev.matchflow.usermatch.TestPubSub.Received;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class OutboxRelayTest {

    private static final Duration RECONNECT = Duration.ofSeconds(30);

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
    void leavesWhilePubSubIsUnreachableAreQueuedAndPublishedOnceInOrderWhenItComesBack(TestDatabase database) {
        UUID userId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database);
                Received received = pubSub.newTopicWithSubscription();
                TcpForwarder pubSubPort = new TcpForwarder(pubSub.port());
                TestPubSub viaPort = TestPubSub.at(pubSubPort.endpoint());
                UserMatchServer userMatch = UserMatchService.start(
                        pools.database(), settings(pools), viaPort.publisher(received.topic(), QUICK_RELAY))) {
            UUID poolId = pools.givenPool("evening");
            pools.givenMember(poolId, userId);
            Answer first = leave(userMatch, userId);
            join(userMatch, userId, poolId);
            Answer second = leave(userMatch, userId);
            await().untilAsserted(() -> assertThat(
                            outboxEvent(pools.database(), eventId(first)).lastError())
                    .contains("no answer"));

            pubSubPort.open();

            assertThat(first.json().path("event").asText()).isEqualTo("queued");
            assertThat(second.json().path("event").asText()).isEqualTo("queued");
            await().atMost(RECONNECT)
                    .untilAsserted(() -> assertThat(received.messages()).hasSize(2));
            assertThat(eventIds(received.messages())).containsExactly(eventId(first), eventId(second));
            await().untilAsserted(() -> assertThat(userMatch.pendingEvents()).isZero());
            assertThat(counter(userMatch, "usermatch.publish.attempts"))
                    .as("each event handed to the publisher once")
                    .isEqualTo(2);
            assertThat(outboxEvent(pools.database(), eventId(first)).attempts()).isEqualTo(1);
        }
    }

    @DatabaseTest
    void whilePubSubIsUnreachableTheBacklogAndTheUnansweredPublishesAreCounted(TestDatabase database) {
        List<UUID> users = List.of(UUID.randomUUID(), UUID.randomUUID());

        try (PoolsApi pools = PoolsApi.start(database);
                Received received = pubSub.newTopicWithSubscription();
                TcpForwarder pubSubPort = new TcpForwarder(pubSub.port());
                TestPubSub viaPort = TestPubSub.at(pubSubPort.endpoint());
                UserMatchServer userMatch = UserMatchService.start(
                        pools.database(), settings(pools), viaPort.publisher(received.topic(), QUICK_RELAY))) {
            UUID poolId = pools.givenPool("evening");
            users.forEach(userId -> pools.givenMember(poolId, userId));

            users.forEach(userId -> leave(userMatch, userId));

            await().untilAsserted(() -> assertThat(userMatch
                            .registry()
                            .get("usermatch.publish.failures")
                            .tag("reason", "unanswered")
                            .counter()
                            .count())
                    .isEqualTo(2));
            assertThat(userMatch
                            .registry()
                            .get("usermatch.outbox.backlog")
                            .gauge()
                            .value())
                    .isEqualTo(2);
            assertThat(userMatch
                            .registry()
                            .get("usermatch.publish.in_flight")
                            .gauge()
                            .value())
                    .isEqualTo(2);
            pubSubPort.open();
            await().atMost(RECONNECT)
                    .untilAsserted(() -> assertThat(userMatch.pendingEvents()).isZero());
        }
    }

    @DatabaseTest
    void aPublishThePublisherRefusesIsRetriedWithBackoffWithoutBlockingTheUsersOrderingKey(TestDatabase database) {
        UUID userId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database);
                UserMatchServer userMatch = UserMatchService.start(pools.database(), settings(pools), missingTopic())) {
            UUID poolId = pools.givenPool("evening");
            pools.givenMember(poolId, userId);

            Answer left = leave(userMatch, userId);

            assertThat(left.json().path("event").asText()).isEqualTo("queued");
            await().untilAsserted(() -> assertThat(
                            outboxEvent(pools.database(), eventId(left)).attempts())
                    .isGreaterThanOrEqualTo(3));
            OutboxEvent retried = outboxEvent(pools.database(), eventId(left));
            assertThat(retried.lastError())
                    .as("still the topic's error, not a paused ordering key")
                    .contains("NOT_FOUND");
            assertThat(retried.nextAttemptAt()).isAfter(retried.createdAt());
            assertThat(userMatch
                            .registry()
                            .get("usermatch.publish.failures")
                            .tag("reason", "refused")
                            .counter()
                            .count())
                    .isGreaterThanOrEqualTo(3);
        }
    }

    @DatabaseTest
    void drainNowPublishesAPendingEventWithoutWaitingForItsBackoff(TestDatabase database) {
        UUID userId = UUID.randomUUID();
        String topic = TestPubSub.uniqueTopic();
        RelaySettings patientRelay = QUICK_RELAY.withBackoff(new Backoff(Duration.ofHours(1), Duration.ofHours(1)));

        try (PoolsApi pools = PoolsApi.start(database);
                UserMatchServer userMatch = UserMatchService.start(
                        pools.database(),
                        settings(pools).withRelay(patientRelay),
                        pubSub.publisher(topic, patientRelay))) {
            UUID poolId = pools.givenPool("evening");
            pools.givenMember(poolId, userId);
            Answer left = leave(userMatch, userId);
            await().untilAsserted(() -> assertThat(
                            outboxEvent(pools.database(), eventId(left)).attempts())
                    .isEqualTo(1));

            try (Received received = pubSub.topicWithSubscription(topic)) {

                int published = userMatch.drainNow();

                assertThat(published).isEqualTo(1);
                await().untilAsserted(() -> assertThat(received.messages()).hasSize(1));
                assertThat(eventIds(received.messages())).containsExactly(eventId(left));
                assertThat(userMatch.pendingEvents()).isZero();
            }
        }
    }

    @DatabaseTest
    void aRelayStartedOverTheSameDatabasePublishesWhatTheStoppedOneCouldNot(TestDatabase database) {
        UUID userId = UUID.randomUUID();

        try (PoolsApi pools = PoolsApi.start(database);
                Received received = pubSub.newTopicWithSubscription()) {
            UUID poolId = pools.givenPool("evening");
            pools.givenMember(poolId, userId);
            UUID eventId = leaveWhilePubSubRefuses(pools, userId);

            try (UserMatchServer restarted = UserMatchService.start(
                    pools.database(), settings(pools), pubSub.publisher(received.topic(), QUICK_RELAY))) {

                await().untilAsserted(() -> assertThat(received.messages()).hasSize(1));
                assertThat(eventIds(received.messages())).containsExactly(eventId);
                await().untilAsserted(
                                () -> assertThat(restarted.pendingEvents()).isZero());
            }
        }
    }

    @DatabaseTest
    void anEventClaimedByARelayThatDiedIsPublishedOnceTheClaimLapses(TestDatabase database) {
        PoolMemberRemoved event = event(UUID.randomUUID());
        Instant lapse = SqlTimes.now(Clock.systemUTC()).plusSeconds(1);

        try (Database outbox = TestDatabases.open(database);
                Received received = pubSub.newTopicWithSubscription()) {
            store(outbox, event, Optional.of(new Claim("relay-that-died", lapse)));

            try (OutboxRelay relay =
                    relay(outbox, pubSub.publisher(received.topic(), QUICK_RELAY), new SimpleMeterRegistry())) {
                relay.start();

                await().untilAsserted(() -> assertThat(received.messages()).hasSize(1));
                assertThat(eventIds(received.messages())).containsExactly(event.eventId());
                assertThat(outboxEvent(outbox, event.eventId()).publishedAt()).isAfterOrEqualTo(lapse);
            }
        }
    }

    @DatabaseTest
    void twoRelaysOnOneOutboxPublishEveryEventOnceAndEachUsersEventsInOrder(TestDatabase database) {
        List<UUID> users =
                IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        List<PoolMemberRemoved> events = new ArrayList<>();
        IntStream.range(0, 4).forEach(round -> users.forEach(userId -> events.add(event(userId))));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (Database outbox = TestDatabases.open(database);
                Received received = pubSub.newTopicWithSubscription()) {
            events.forEach(event -> store(outbox, event, Optional.empty()));

            try (OutboxRelay one = relay(outbox, pubSub.publisher(received.topic(), QUICK_RELAY), registry);
                    OutboxRelay other = relay(outbox, pubSub.publisher(received.topic(), QUICK_RELAY), registry)) {
                one.start();
                other.start();

                await().untilAsserted(() -> assertThat(received.messages()).hasSize(events.size()));
                assertThat(registry.get("usermatch.publish.attempts").counter().count())
                        .as("one attempt per event, so none was published twice")
                        .isEqualTo(events.size());
                assertThat(registry.get("usermatch.publish.failures").counter().count())
                        .isZero();
                for (UUID userId : users) {
                    assertThat(eventIds(received.messages(), userId))
                            .as("events of user %s in the order they were stored", userId)
                            .containsExactlyElementsOf(eventIdsOf(events, userId));
                }
                assertThat(one.pendingEvents()).isZero();
            }
        }
    }

    private static UUID leaveWhilePubSubRefuses(PoolsApi pools, UUID userId) {
        try (UserMatchServer stopping = UserMatchService.start(pools.database(), settings(pools), missingTopic())) {
            Answer left = leave(stopping, userId);
            assertThat(left.json().path("event").asText()).isEqualTo("queued");
            return eventId(left);
        }
    }

    /** A publisher for a topic that does not exist, so Pub/Sub refuses every publish. */
    private static EventPublisher missingTopic() {
        return pubSub.publisher(TestPubSub.uniqueTopic(), QUICK_RELAY);
    }

    private static double counter(UserMatchServer userMatch, String name) {
        return userMatch.registry().get(name).counter().count();
    }

    private static OutboxRelay relay(Database outbox, EventPublisher publisher, SimpleMeterRegistry registry) {
        return new OutboxRelay(
                outbox, new OutboxRepository(), publisher, QUICK_RELAY, new OutboxMetrics(registry), Clock.systemUTC());
    }

    private static PoolMemberRemoved event(UUID userId) {
        return new PoolMemberRemoved(UUID.randomUUID(), UUID.randomUUID(), userId, SqlTimes.now(Clock.systemUTC()));
    }

    private static void store(Database outbox, PoolMemberRemoved event, Optional<Claim> claim) {
        Instant now = SqlTimes.now(Clock.systemUTC());
        outbox.inTransaction(connection -> {
            new OutboxRepository().insert(connection, event, EventCodec.encode(event), now, claim);
            return null;
        });
    }

    private static List<UUID> eventIds(List<PubsubMessage> messages) {
        return messages.stream().map(OutboxRelayTest::publishedEventId).toList();
    }

    private static List<UUID> eventIds(List<PubsubMessage> messages, UUID userId) {
        return messages.stream()
                .filter(message -> message.getOrderingKey().equals(userId.toString()))
                .map(OutboxRelayTest::publishedEventId)
                .toList();
    }

    private static List<UUID> eventIdsOf(List<PoolMemberRemoved> events, UUID userId) {
        return events.stream()
                .filter(event -> event.userId().equals(userId))
                .map(PoolMemberRemoved::eventId)
                .toList();
    }

    private static UUID publishedEventId(PubsubMessage message) {
        try {
            JsonNode body = Json.mapper().readTree(message.getData().toStringUtf8());
            return UUID.fromString(body.path("event_id").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("message " + message.getMessageId() + " is not JSON", e);
        }
    }
}
