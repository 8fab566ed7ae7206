package dev.matchflow.pubsub;

import static org.awaitility.Awaitility.await;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.rpc.DeadlineExceededException;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** The steps the conformance tests are written in: fresh topics and subscriptions, publishing, pulling, acking. */
final class ConformanceFixture {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration PULL_WAIT = Duration.ofSeconds(1);

    private final PubSubClients clients;

    ConformanceFixture(PubSubClients clients) {
        this.clients = clients;
    }

    PubSubClients clients() {
        return clients;
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static PubsubMessage message(String data, Map<String, String> attributes) {
        return PubsubMessage.newBuilder()
                .setData(ByteString.copyFromUtf8(data))
                .putAllAttributes(attributes)
                .build();
    }

    static PubsubMessage message(String data) {
        return message(data, Map.of());
    }

    TopicName givenTopic() {
        TopicName topic = clients.topicName(uniqueName("topic"));
        clients.topicAdmin().createTopic(topic);
        return topic;
    }

    SubscriptionName givenSubscription(TopicName topic) {
        return givenSubscription(topic, UnaryOperator.identity());
    }

    SubscriptionName givenSubscription(TopicName topic, UnaryOperator<Subscription.Builder> settings) {
        SubscriptionName subscription = clients.subscriptionName(uniqueName("subscription"));
        Subscription.Builder config = Subscription.newBuilder()
                .setName(subscription.toString())
                .setTopic(topic.toString())
                .setAckDeadlineSeconds(10);
        clients.subscriptionAdmin().createSubscription(settings.apply(config).build());
        return subscription;
    }

    /** Publishes through the client's {@link Publisher} and returns the message ids in publishing order. */
    List<String> publish(TopicName topic, List<PubsubMessage> messages) {
        Publisher publisher = clients.publisher(topic.getTopic());
        try {
            List<ApiFuture<String>> ids =
                    messages.stream().map(publisher::publish).toList();
            return ApiFutures.allAsList(ids).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("Publishing to " + topic + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while publishing to " + topic, e);
        } finally {
            publisher.shutdown();
        }
    }

    String publish(TopicName topic, PubsubMessage message) {
        return publish(topic, List.of(message)).get(0);
    }

    /** One pull of up to 100 messages; empty when none arrives within a second. */
    List<ReceivedMessage> pullOnce(SubscriptionName subscription) {
        PullRequest request = PullRequest.newBuilder()
                .setSubscription(subscription.toString())
                .setMaxMessages(100)
                .build();
        GrpcCallContext oneShort =
                GrpcCallContext.createDefault().withTimeoutDuration(PULL_WAIT).withRetryableCodes(Set.of());
        try {
            return clients.subscriptionAdmin()
                    .pullCallable()
                    .call(request, oneShort)
                    .getReceivedMessagesList();
        } catch (DeadlineExceededException nothingArrived) {
            return List.of();
        }
    }

    /** Pulls until the messages received so far satisfy {@code enough}, and returns them in arrival order. */
    List<ReceivedMessage> pullUntil(SubscriptionName subscription, Predicate<List<ReceivedMessage>> enough) {
        List<ReceivedMessage> received = new ArrayList<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            received.addAll(pullOnce(subscription));
            return enough.test(received);
        });
        return received;
    }

    List<ReceivedMessage> pullAtLeast(SubscriptionName subscription, int count) {
        return pullUntil(subscription, received -> received.size() >= count);
    }

    ReceivedMessage pullOne(SubscriptionName subscription) {
        return pullAtLeast(subscription, 1).get(0);
    }

    void ack(SubscriptionName subscription, ReceivedMessage... messages) {
        clients.subscriptionAdmin().acknowledge(subscription, ackIds(messages));
    }

    void modifyAckDeadline(SubscriptionName subscription, int seconds, ReceivedMessage... messages) {
        clients.subscriptionAdmin().modifyAckDeadline(subscription, ackIds(messages), seconds);
    }

    void nack(SubscriptionName subscription, ReceivedMessage... messages) {
        modifyAckDeadline(subscription, 0, messages);
    }

    static com.google.protobuf.Duration seconds(long seconds) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(seconds).build();
    }

    private static List<String> ackIds(ReceivedMessage... messages) {
        return List.of(messages).stream().map(ReceivedMessage::getAckId).toList();
    }
}
