package dev.matchflow.pubsub;

import static dev.matchflow.pubsub.ConformanceFixture.PATIENCE;
import static dev.matchflow.pubsub.ConformanceFixture.message;
import static dev.matchflow.pubsub.ConformanceFixture.seconds;
import static dev.matchflow.pubsub.ConformanceFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.OutOfRangeException;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriberShutdownSettings;
import com.google.protobuf.FieldMask;
import com.google.protobuf.util.Timestamps;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.ProjectName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.Topic;
import com.google.pubsub.v1.TopicName;
import com.google.pubsub.v1.UpdateSubscriptionRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What Matchflow relies on from Pub/Sub, written once against the official Java client and run against every
 * backend that a subclass starts. A subclass names the behaviours its backend is known to lack; those tests are
 * skipped with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PubSubConformanceTest {

    /** Behaviours that some backend is known to lack. */
    enum Behaviour {
        ATTRIBUTE_FILTERS,
        ORDERING_AFTER_NACK,
        PUSH_ACK_ON_EVERY_SUCCESS_STATUS,
        PUSH_RETRY_BACKOFF,
        RETRY_BACKOFF_ON_EVERY_REDELIVERY,
        NACK_WHEN_A_SUBSCRIBER_STOPS,
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private PubSubClients clients;
    private ConformanceFixture given;

    /** Starts the backend under test and returns where clients reach it, as {@code host:port}. */
    protected abstract String startBackend();

    /** Stops the backend started by {@link #startBackend()}. */
    protected abstract void stopBackend();

    /** The behaviours this backend lacks, each with the reason its test is skipped. */
    protected Map<Behaviour, String> knownGaps() {
        return Map.of();
    }

    @BeforeAll
    void startBackendAndClients() {
        clients = PubSubClients.forEmulator("conformance", startBackend());
        given = new ConformanceFixture(clients);
    }

    @AfterAll
    void stopClientsAndBackend() {
        if (clients != null) {
            clients.close();
        }
        stopBackend();
    }

    @Test
    void aTopicCanBeCreatedFetchedListedAndDeleted() {
        TopicName name = clients.topicName(uniqueName("topic"));

        Topic created = clients.topicAdmin().createTopic(name);
        Topic fetched = clients.topicAdmin().getTopic(name);
        List<String> listed = topicsOfTheProject();
        clients.topicAdmin().deleteTopic(name);

        assertThat(created.getName()).isEqualTo(name.toString());
        assertThat(fetched.getName()).isEqualTo(name.toString());
        assertThat(listed).contains(name.toString());
        assertThatThrownBy(() -> clients.topicAdmin().getTopic(name)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void creatingATopicThatExistsFailsWithAlreadyExists() {
        TopicName topic = given.givenTopic();

        assertThatThrownBy(() -> clients.topicAdmin().createTopic(topic)).isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void aTopicNameStartingWithADigitIsAnInvalidArgument() {
        TopicName badName = clients.topicName("9-lives");

        assertThatThrownBy(() -> clients.topicAdmin().createTopic(badName))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void fetchingOrDeletingAMissingTopicFailsWithNotFound() {
        TopicName missing = clients.topicName(uniqueName("missing"));

        assertThatThrownBy(() -> clients.topicAdmin().getTopic(missing)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> clients.topicAdmin().deleteTopic(missing)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void publishingToAMissingTopicFailsWithNotFound() {
        TopicName missing = clients.topicName(uniqueName("missing"));

        assertThatThrownBy(() -> clients.topicAdmin().publish(missing, List.of(message("lost"))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSubscriptionCanBeCreatedFetchedListedUpdatedAndDeleted() {
        TopicName topic = given.givenTopic();
        SubscriptionName name = given.givenSubscription(topic, config -> config.setAckDeadlineSeconds(20));

        Subscription fetched = clients.subscriptionAdmin().getSubscription(name);
        List<String> ofTopic = subscriptionsOf(topic);
        Subscription updated = clients.subscriptionAdmin().updateSubscription(ackDeadlineUpdate(name, 45));
        clients.subscriptionAdmin().deleteSubscription(name);

        assertThat(fetched.getTopic()).isEqualTo(topic.toString());
        assertThat(fetched.getAckDeadlineSeconds()).isEqualTo(20);
        assertThat(ofTopic).containsExactly(name.toString());
        assertThat(updated.getAckDeadlineSeconds()).isEqualTo(45);
        assertThatThrownBy(() -> clients.subscriptionAdmin().getSubscription(name))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void subscribingToAMissingTopicFailsWithNotFound() {
        TopicName missing = clients.topicName(uniqueName("missing"));

        assertThatThrownBy(() -> given.givenSubscription(missing)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void creatingASubscriptionThatExistsFailsWithAlreadyExists() {
        TopicName topic = given.givenTopic();
        SubscriptionName subscription = given.givenSubscription(topic);

        Subscription again = Subscription.newBuilder()
                .setName(subscription.toString())
                .setTopic(topic.toString())
                .build();

        assertThatThrownBy(() -> clients.subscriptionAdmin().createSubscription(again))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void anAckDeadlineAbove600SecondsIsAnInvalidArgument() {
        TopicName topic = given.givenTopic();

        assertThatThrownBy(() -> given.givenSubscription(topic, config -> config.setAckDeadlineSeconds(601)))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aDeadLetterPolicyWithFewerThanFiveAttemptsIsOutOfRange() {
        TopicName topic = given.givenTopic();
        TopicName deadLetters = given.givenTopic();

        assertThatThrownBy(() -> given.givenSubscription(
                        topic, config -> config.setDeadLetterPolicy(deadLetterPolicy(deadLetters, 4))))
                .isInstanceOf(OutOfRangeException.class);
    }

    @Test
    void aPublishedMessageArrivesWithItsDataAttributesOrderingKeyIdAndPublishTime() {
        TopicName topic = given.givenTopic();
        SubscriptionName subscription = given.givenSubscription(topic, config -> config.setEnableMessageOrdering(true));
        PubsubMessage sent = message("{\"user_id\":\"u-1\"}", Map.of("event_type", "pool_member_removed")).toBuilder()
                .setOrderingKey("u-1")
                .build();

        Instant before = Instant.now();
        String messageId = given.publish(topic, sent);
        PubsubMessage received = given.pullOne(subscription).getMessage();

        assertThat(messageId).isNotBlank();
        assertThat(received.getMessageId()).isEqualTo(messageId);
        assertThat(received.getData().toStringUtf8()).isEqualTo("{\"user_id\":\"u-1\"}");
        assertThat(received.getAttributesMap()).containsExactly(Map.entry("event_type", "pool_member_removed"));
        assertThat(received.getOrderingKey()).isEqualTo("u-1");
        assertThat(Instant.ofEpochMilli(Timestamps.toMillis(received.getPublishTime())))
                .isCloseTo(before, within(Duration.ofSeconds(5)));
    }

    @Test
    void everyPublishedMessageGetsItsOwnId() {
        TopicName topic = given.givenTopic();

        List<String> ids = given.publish(topic, List.of(message("a"), message("b"), message("c")));

        assertThat(ids)
                .hasSize(3)
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isNotBlank());
    }

    @Test
    void anAcknowledgedMessageStaysGoneWhileAnUnacknowledgedOneReturnsAfterItsAckDeadline() {
        TopicName topic = given.givenTopic();
        SubscriptionName subscription = given.givenSubscription(topic);
        given.publish(topic, List.of(message("acked"), message("left")));
        List<ReceivedMessage> first = given.pullAtLeast(subscription, 2);
        given.ack(subscription, withData(first, "acked"));

        List<ReceivedMessage> expired =
                given.pullUntil(subscription, received -> !dataOf(received).isEmpty());
        given.nack(subscription, withData(expired, "left"));
        List<ReceivedMessage> nacked =
                given.pullUntil(subscription, received -> !dataOf(received).isEmpty());

        assertThat(dataOf(expired)).containsExactly("left");
        assertThat(dataOf(nacked)).containsExactly("left");
    }

    @Test
    void shorteningTheAckDeadlineBringsRedeliveryForward() {
        TopicName topic = given.givenTopic();
        SubscriptionName subscription = given.givenSubscription(topic, config -> config.setAckDeadlineSeconds(600));
        given.publish(topic, message("shortened"));
        ReceivedMessage first = given.pullOne(subscription);

        given.modifyAckDeadline(subscription, 10, first);
        ReceivedMessage again = given.pullOne(subscription);

        assertThat(again.getMessage().getMessageId())
                .isEqualTo(first.getMessage().getMessageId());
    }

    @Test
    void aNackedMessageIsDeliveredAgain() {
        TopicName topic = given.givenTopic();
        SubscriptionName subscription = given.givenSubscription(topic, config -> config.setAckDeadlineSeconds(600));
        given.publish(topic, message("nacked"));
        ReceivedMessage first = given.pullOne(subscription);

        given.nack(subscription, first);
        ReceivedMessage again = given.pullOne(subscription);

        assertThat(again.getMessage().getMessageId())
                .isEqualTo(first.getMessage().getMessageId());
        assertThat(again.getAckId()).isNotEmpty();
    }

    @Test
    void theSubscriberReceivesEveryPublishedMessageAndAcksIt() {
        TopicName topic = given.givenTopic();
        SubscriptionName subscription = given.givenSubscription(topic);
        List<PubsubMessage> messages =
                IntStream.range(0, 50).mapToObj(i -> message("m" + i)).toList();
        List<String> received = new CopyOnWriteArrayList<>();

        Subscriber subscriber = startSubscriber(subscription, (message, reply) -> {
            received.add(message.getMessageId());
            reply.ack();
        });
        List<String> published = given.publish(topic, messages);
        await().atMost(PATIENCE).until(() -> received.size() >= published.size());
        subscriber.stopAsync().awaitTerminated();

        assertThat(received).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void aMessageTheSubscriberNacksIsDeliveredToItAgain() {
        TopicName topic = given.givenTopic();
        SubscriptionName subscription = given.givenSubscription(topic);
        List<String> deliveries = new CopyOnWriteArrayList<>();

        Subscriber subscriber = startSubscriber(subscription, (message, reply) -> {
            deliveries.add(message.getMessageId());
            if (deliveries.size() == 1) {
                reply.nack();
            } else {
                reply.ack();
            }
        });
        String id = given.publish(topic, message("nack me once"));
        await().atMost(PATIENCE).until(() -> deliveries.size() >= 2);
        subscriber.stopAsync().awaitTerminated();

        assertThat(deliveries).containsExactly(id, id);
    }

    @Test
    void messagesAStoppingSubscriberNacksGoToTheNextSubscriber() {
        assumeBackendSupports(Behaviour.NACK_WHEN_A_SUBSCRIBER_STOPS);
        TopicName topic = given.givenTopic();
        SubscriptionName subscription = given.givenSubscription(topic, config -> config.setAckDeadlineSeconds(600));
        List<String> held = new CopyOnWriteArrayList<>();
        List<String> taken = new CopyOnWriteArrayList<>();
        Subscriber stopping = clients.subscriber(
                subscription.getSubscription(),
                (message, reply) -> held.add(message.getMessageId()),
                builder -> builder.setSubscriberShutdownSettings(SubscriberShutdownSettings.newBuilder()
                        .setMode(SubscriberShutdownSettings.ShutdownMode.NACK_IMMEDIATELY)
                        .build()));
        stopping.startAsync().awaitRunning();
        List<String> published = given.publish(topic, List.of(message("a"), message("b"), message("c")));
        await().atMost(PATIENCE).until(() -> held.size() == published.size());

        stopping.stopAsync().awaitTerminated();
        Subscriber next = startSubscriber(subscription, (message, reply) -> {
            taken.add(message.getMessageId());
            reply.ack();
        });
        await().atMost(PATIENCE).until(() -> taken.size() >= published.size());
        next.stopAsync().awaitTerminated();

        assertThat(taken).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void theRetryPolicyDelaysEachRedeliveryByAtLeastItsMinimumBackoff() {
        assumeBackendSupports(Behaviour.RETRY_BACKOFF_ON_EVERY_REDELIVERY);
        TopicName topic = given.givenTopic();
        Duration backoff = Duration.ofSeconds(2);
        SubscriptionName subscription =
                given.givenSubscription(topic, config -> config.setRetryPolicy(retryPolicy(backoff, backoff)));
        given.publish(topic, message("backed off"));

        List<Duration> waits = new ArrayList<>();
        ReceivedMessage delivery = given.pullOne(subscription);
        for (int redelivery = 0; redelivery < 2; redelivery++) {
            Instant nacked = Instant.now();
            given.nack(subscription, delivery);
            delivery = given.pullOne(subscription);
            waits.add(Duration.between(nacked, Instant.now()));
        }

        assertThat(waits).allSatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(backoff.minusMillis(100)));
    }

    @Test
    void aMessageIsDeadLetteredWithItsDeliveryCountAfterTheMaximumAttempts() {
        TopicName topic = given.givenTopic();
        TopicName deadLetterTopic = given.givenTopic();
        SubscriptionName deadLetters = given.givenSubscription(deadLetterTopic);
        SubscriptionName subscription = given.givenSubscription(
                topic,
                config -> config.setDeadLetterPolicy(deadLetterPolicy(deadLetterTopic, 5))
                        .setRetryPolicy(retryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1))));
        List<Integer> attempts = new CopyOnWriteArrayList<>();

        Subscriber subscriber = startSubscriber(subscription, (message, reply) -> {
            attempts.add(Subscriber.getDeliveryAttempt(message));
            reply.nack();
        });
        given.publish(topic, message("poison", Map.of("event_type", "pool_member_removed")));
        PubsubMessage deadLetter = given.pullOne(deadLetters).getMessage();
        subscriber.stopAsync().awaitTerminated();

        assertThat(attempts).containsExactly(1, 2, 3, 4, 5);
        assertThat(deadLetter.getData().toStringUtf8()).isEqualTo("poison");
        assertThat(deadLetter.getAttributesMap())
                .containsEntry("event_type", "pool_member_removed")
                .containsEntry("CloudPubSubDeadLetterSourceDeliveryCount", "5")
                .containsEntry("CloudPubSubDeadLetterSourceSubscription", subscription.getSubscription())
                .containsEntry("CloudPubSubDeadLetterSourceSubscriptionProject", subscription.getProject())
                .containsKey("CloudPubSubDeadLetterSourceTopicPublishTime");
    }

    @Test
    void messagesWithTheSameOrderingKeyArriveInPublishOrder() {
        TopicName topic = given.givenTopic();
        SubscriptionName subscription = given.givenSubscription(topic, config -> config.setEnableMessageOrdering(true));
        Map<String, List<String>> receivedByKey = new ConcurrentHashMap<>();

        Subscriber subscriber = startSubscriber(subscription, (message, reply) -> {
            receivedByKey
                    .computeIfAbsent(message.getOrderingKey(), key -> new CopyOnWriteArrayList<>())
                    .add(message.getData().toStringUtf8());
            reply.ack();
        });
        given.publish(topic, orderedMessages(List.of("k1", "k2", "k3"), 20));
        await().atMost(PATIENCE)
                .until(() ->
                        receivedByKey.values().stream().mapToInt(List::size).sum() >= 60);
        subscriber.stopAsync().awaitTerminated();

        assertThat(receivedByKey).containsOnlyKeys("k1", "k2", "k3");
        receivedByKey.forEach((key, data) -> assertThat(data).containsExactlyElementsOf(sequence(key, 20)));
    }

    @Test
    void aNackRedeliversTheMessageAndEveryLaterMessageOfItsOrderingKeyInOrder() {
        assumeBackendSupports(Behaviour.ORDERING_AFTER_NACK);
        TopicName topic = given.givenTopic();
        SubscriptionName subscription = given.givenSubscription(topic, config -> config.setEnableMessageOrdering(true));
        List<String> deliveries = new CopyOnWriteArrayList<>();
        AtomicInteger nacks = new AtomicInteger();

        Subscriber subscriber = startSubscriber(subscription, (message, reply) -> {
            String data = message.getData().toStringUtf8();
            deliveries.add(data);
            if (data.equals("k-3") && nacks.getAndIncrement() == 0) {
                reply.nack();
            } else {
                reply.ack();
            }
        });
        given.publish(topic, orderedMessages(List.of("k"), 8));
        await().atMost(PATIENCE)
                .until(() -> afterRedeliveryOf("k-3", deliveries).contains("k-7"));
        subscriber.stopAsync().awaitTerminated();

        assertThat(afterRedeliveryOf("k-3", deliveries)).containsExactly("k-3", "k-4", "k-5", "k-6", "k-7");
    }

    @Test
    void aSubscriptionWithAFilterReceivesOnlyMatchingMessages() {
        assumeBackendSupports(Behaviour.ATTRIBUTE_FILTERS);
        TopicName topic = given.givenTopic();
        SubscriptionName subscription =
                given.givenSubscription(topic, config -> config.setFilter("attributes.colour = \"red\""));

        given.publish(topic, message("red-1", Map.of("colour", "red")));
        given.publish(topic, message("blue-1", Map.of("colour", "blue")));
        given.publish(topic, message("uncoloured"));
        given.publish(topic, message("red-2", Map.of("colour", "red")));
        List<ReceivedMessage> received =
                given.pullUntil(subscription, soFar -> dataOf(soFar).contains("red-2"));

        assertThat(dataOf(received)).containsExactly("red-1", "red-2");
    }

    @Test
    void aFilterThatDoesNotParseIsAnInvalidArgument() {
        assumeBackendSupports(Behaviour.ATTRIBUTE_FILTERS);
        TopicName topic = given.givenTopic();

        assertThatThrownBy(() -> given.givenSubscription(topic, config -> config.setFilter("attributes.colour =")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aPushSubscriptionPostsTheWrappedMessage() throws Exception {
        try (PushEndpoint endpoint = PushEndpoint.answering(200)) {
            TopicName topic = given.givenTopic();
            SubscriptionName subscription =
                    given.givenSubscription(topic, config -> config.setPushConfig(pushTo(endpoint)));

            String id = given.publish(topic, message("pushed", Map.of("user_id", "u-1")));
            await().atMost(PATIENCE).until(() -> !endpoint.requests().isEmpty());
            JsonNode body = JSON.readTree(endpoint.requests().get(0).body());

            assertThat(body.at("/subscription").asText()).isEqualTo(subscription.toString());
            assertThat(body.at("/message/messageId").asText()).isEqualTo(id);
            assertThat(decoded(body.at("/message/data").asText())).isEqualTo("pushed");
            assertThat(body.at("/message/attributes/user_id").asText()).isEqualTo("u-1");
            assertThat(body.at("/message/publishTime").asText()).isNotBlank();
        }
    }

    @Test
    void anUnwrappedPushPostsTheRawDataWithMetadataAndAttributesAsHeaders() {
        try (PushEndpoint endpoint = PushEndpoint.answering(200)) {
            TopicName topic = given.givenTopic();
            PushConfig unwrapped = pushTo(endpoint).toBuilder()
                    .setNoWrapper(PushConfig.NoWrapper.newBuilder().setWriteMetadata(true))
                    .build();
            given.givenSubscription(topic, config -> config.setPushConfig(unwrapped));

            String id = given.publish(topic, message("{\"raw\":true}", Map.of("user_id", "u-1")));
            await().atMost(PATIENCE).until(() -> !endpoint.requests().isEmpty());
            PushEndpoint.PushRequest request = endpoint.requests().get(0);

            assertThat(request.body()).isEqualTo("{\"raw\":true}");
            assertThat(request.header("x-goog-pubsub-message-id")).isEqualTo(id);
            assertThat(request.header("user_id")).isEqualTo("u-1");
        }
    }

    @Test
    void aPushAnsweredWith200Or201Or204IsAcknowledgedWhileAFailingOneIsRetried() {
        Map<String, Integer> statusByData = Map.of("ok-200", 200, "ok-201", 201, "ok-204", 204, "failing", 503);
        assertPushAcknowledgement(statusByData);
    }

    @Test
    void aPushAnsweredWith102Or202IsAcknowledged() {
        assumeBackendSupports(Behaviour.PUSH_ACK_ON_EVERY_SUCCESS_STATUS);
        assertPushAcknowledgement(Map.of("ok-202", 202, "failing", 503));
    }

    @Test
    void aFailingPushEndpointIsRetriedUntilItAccepts() {
        AtomicInteger calls = new AtomicInteger();
        try (PushEndpoint endpoint = PushEndpoint.answeringBy(body -> calls.incrementAndGet() < 3 ? 500 : 200)) {
            TopicName topic = given.givenTopic();
            given.givenSubscription(
                    topic,
                    config -> config.setPushConfig(pushTo(endpoint))
                            .setRetryPolicy(retryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1))));

            given.publish(topic, message("eventually"));
            await().atMost(PATIENCE).until(() -> endpoint.requests().size() >= 3);

            assertThat(endpoint.requests())
                    .extracting(PushEndpoint.PushRequest::answeredWith)
                    .startsWith(500, 500, 200);
        }
    }

    @Test
    void pushRetriesWaitAtLeastTheRetryPolicysMinimumBackoff() {
        assumeBackendSupports(Behaviour.PUSH_RETRY_BACKOFF);
        Duration backoff = Duration.ofSeconds(3);
        try (PushEndpoint endpoint = PushEndpoint.answering(500)) {
            TopicName topic = given.givenTopic();
            given.givenSubscription(
                    topic,
                    config -> config.setPushConfig(pushTo(endpoint)).setRetryPolicy(retryPolicy(backoff, backoff)));

            given.publish(topic, message("backed off"));
            await().atMost(PATIENCE).until(() -> endpoint.requests().size() >= 3);

            assertThat(gapsBetween(endpoint.requests()))
                    .allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(backoff.minusMillis(100)));
        }
    }

    private void assertPushAcknowledgement(Map<String, Integer> statusByData) {
        try (PushEndpoint endpoint = PushEndpoint.answeringBy(body -> statusByData.get(wrappedData(body)))) {
            TopicName topic = given.givenTopic();
            given.givenSubscription(
                    topic,
                    config -> config.setPushConfig(pushTo(endpoint))
                            .setRetryPolicy(retryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1))));

            statusByData.keySet().forEach(data -> given.publish(topic, message(data)));
            await().atMost(PATIENCE)
                    .until(() -> endpoint.requestsContaining(encoded("failing")).size() >= 3);

            statusByData.keySet().stream()
                    .filter(data -> !data.equals("failing"))
                    .forEach(data -> assertThat(endpoint.requestsContaining(encoded(data)))
                            .as("pushes of the message answered with %s", statusByData.get(data))
                            .hasSize(1));
        }
    }

    private void assumeBackendSupports(Behaviour behaviour) {
        String gap = knownGaps().get(behaviour);
        assumeTrue(gap == null, () -> getClass().getSimpleName() + " skips this: " + gap);
    }

    private Subscriber startSubscriber(SubscriptionName subscription, MessageReceiver receiver) {
        Subscriber subscriber = clients.subscriber(subscription.getSubscription(), receiver);
        subscriber.startAsync().awaitRunning();
        return subscriber;
    }

    private List<String> topicsOfTheProject() {
        return StreamSupport.stream(
                        clients.topicAdmin()
                                .listTopics(ProjectName.of(clients.projectId()))
                                .iterateAll()
                                .spliterator(),
                        false)
                .map(Topic::getName)
                .toList();
    }

    private List<String> subscriptionsOf(TopicName topic) {
        return StreamSupport.stream(
                        clients.topicAdmin()
                                .listTopicSubscriptions(topic)
                                .iterateAll()
                                .spliterator(),
                        false)
                .toList();
    }

    private static UpdateSubscriptionRequest ackDeadlineUpdate(SubscriptionName name, int seconds) {
        return UpdateSubscriptionRequest.newBuilder()
                .setSubscription(
                        Subscription.newBuilder().setName(name.toString()).setAckDeadlineSeconds(seconds))
                .setUpdateMask(FieldMask.newBuilder().addPaths("ack_deadline_seconds"))
                .build();
    }

    private static DeadLetterPolicy deadLetterPolicy(TopicName deadLetterTopic, int maxAttempts) {
        return DeadLetterPolicy.newBuilder()
                .setDeadLetterTopic(deadLetterTopic.toString())
                .setMaxDeliveryAttempts(maxAttempts)
                .build();
    }

    private static RetryPolicy retryPolicy(Duration minimum, Duration maximum) {
        return RetryPolicy.newBuilder()
                .setMinimumBackoff(seconds(minimum.toSeconds()))
                .setMaximumBackoff(seconds(maximum.toSeconds()))
                .build();
    }

    private static PushConfig pushTo(PushEndpoint endpoint) {
        return PushConfig.newBuilder().setPushEndpoint(endpoint.url()).build();
    }

    private static List<PubsubMessage> orderedMessages(List<String> keys, int perKey) {
        List<PubsubMessage> messages = new ArrayList<>();
        for (int i = 0; i < perKey; i++) {
            for (String key : keys) {
                messages.add(
                        message(key + "-" + i).toBuilder().setOrderingKey(key).build());
            }
        }
        return messages;
    }

    private static List<String> sequence(String key, int count) {
        return IntStream.range(0, count).mapToObj(i -> key + "-" + i).toList();
    }

    private static List<String> afterRedeliveryOf(String data, List<String> deliveries) {
        List<String> snapshot = List.copyOf(deliveries);
        int first = snapshot.indexOf(data);
        int second =
                first < 0 ? -1 : snapshot.subList(first + 1, snapshot.size()).indexOf(data);
        return second < 0 ? List.of() : snapshot.subList(first + 1 + second, snapshot.size());
    }

    private static ReceivedMessage withData(List<ReceivedMessage> messages, String data) {
        return messages.stream()
                .filter(received ->
                        received.getMessage().getData().toStringUtf8().equals(data))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> dataOf(List<ReceivedMessage> messages) {
        return messages.stream()
                .map(received -> received.getMessage().getData().toStringUtf8())
                .toList();
    }

    private static List<Duration> gapsBetween(List<PushEndpoint.PushRequest> requests) {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < requests.size(); i++) {
            gaps.add(Duration.between(
                    requests.get(i - 1).receivedAt(), requests.get(i).receivedAt()));
        }
        return Collections.unmodifiableList(gaps);
    }

    private static String wrappedData(String body) {
        try {
            return decoded(JSON.readTree(body).at("/message/data").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Push body is not JSON: " + body, e);
        }
    }

    private static String encoded(String data) {
        return Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
