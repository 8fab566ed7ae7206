package dev.matchflow.pubsub.embedded;

import static dev.matchflow.pubsub.embedded.PubSubFixture.assertApiError;
import static dev.matchflow.pubsub.embedded.PubSubFixture.message;
import static dev.matchflow.pubsub.embedded.PubSubFixture.topicName;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.rpc.StatusCode.Code;
import com.google.protobuf.util.Timestamps;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.ReceivedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublishTest {

    private PubSubFixture pubsub;
    private String topic;

    @BeforeEach
    void startServer() {
        pubsub = PubSubFixture.start();
        topic = pubsub.givenTopic("user_left_pool");
    }

    @AfterEach
    void stopServer() {
        pubsub.close();
    }

    @Test
    void assignsUniqueNumericMessageIds() {
        List<String> ids = new ArrayList<>();

        for (int i = 0; i < 50; i++) {
            ids.add(pubsub.publish(topic, message("event " + i)));
        }

        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("\\d+"));
    }

    @Test
    void deliversDataAttributesOrderingKeyIdAndPublishTime() {
        String subscription = pubsub.givenSubscription("inspection", topic);
        Instant before = Instant.now();
        PubsubMessage published = message("{\"event_type\":\"pool_member_removed\"}").toBuilder()
                .putAttributes("event_type", "pool_member_removed")
                .putAttributes("version", "1")
                .setOrderingKey("22222222-2222-4222-8222-222222222222")
                .build();

        String id = pubsub.publish(topic, published);

        ReceivedMessage received = pullOne(subscription);
        PubsubMessage delivered = received.getMessage();
        assertThat(delivered.getData()).isEqualTo(published.getData());
        assertThat(delivered.getAttributesMap()).isEqualTo(published.getAttributesMap());
        assertThat(delivered.getOrderingKey()).isEqualTo(published.getOrderingKey());
        assertThat(delivered.getMessageId()).isEqualTo(id);
        Instant publishTime = Instant.ofEpochMilli(Timestamps.toMillis(delivered.getPublishTime()));
        assertThat(publishTime).isBetween(before.minusMillis(1), Instant.now());
        assertThat(received.getDeliveryAttempt())
                .as("delivery_attempt is set only with a dead-letter policy")
                .isZero();
    }

    @Test
    void aMessageWithOnlyAttributesIsAccepted() {
        PubsubMessage onlyAttributes =
                PubsubMessage.newBuilder().putAttributes("event_type", "ping").build();

        assertThat(pubsub.publish(topic, onlyAttributes)).isNotEmpty();
    }

    @Test
    void publishingToAMissingTopicIsNotFound() {
        assertApiError(() -> pubsub.publish(topicName("missing"), message("lost")), Code.NOT_FOUND, "Topic not found");
    }

    @Test
    void anEmptyMessageIsInvalid() {
        assertApiError(
                () -> pubsub.publish(topic, PubsubMessage.getDefaultInstance()),
                Code.INVALID_ARGUMENT,
                "Some messages are empty");
    }

    @Test
    void attributeKeysHaveAtMost256Bytes() {
        PubsubMessage longKey =
                message("x").toBuilder().putAttributes("k".repeat(257), "v").build();

        assertApiError(
                () -> pubsub.publish(topic, longKey), Code.INVALID_ARGUMENT, "attribute key is longer than 256 bytes");
    }

    @Test
    void attributeValuesHaveAtMost1024Bytes() {
        PubsubMessage longValue = message("x").toBuilder()
                .putAttributes("pool_id", "é".repeat(513))
                .build();

        assertApiError(
                () -> pubsub.publish(topic, longValue),
                Code.INVALID_ARGUMENT,
                "value of attribute pool_id is longer than 1024 bytes (1026 bytes)");
    }

    @Test
    void attributesAtTheLimitsAreAccepted() {
        PubsubMessage atLimits = message("x").toBuilder()
                .putAttributes("k".repeat(256), "v".repeat(1024))
                .build();

        assertThat(pubsub.publish(topic, atLimits)).isNotEmpty();
    }

    @Test
    void aRequestWithoutMessagesIsInvalid() {
        assertApiError(
                () -> pubsub.topicAdmin()
                        .publishCallable()
                        .call(PublishRequest.newBuilder().setTopic(topic).build()),
                Code.INVALID_ARGUMENT,
                "No messages to publish");
    }

    private ReceivedMessage pullOne(String subscription) {
        var response = pubsub.subscriberStub()
                .pull(PullRequest.newBuilder()
                        .setSubscription(subscription)
                        .setMaxMessages(1)
                        .build());
        assertThat(response.getReceivedMessagesList()).hasSize(1);
        return response.getReceivedMessages(0);
    }
}
