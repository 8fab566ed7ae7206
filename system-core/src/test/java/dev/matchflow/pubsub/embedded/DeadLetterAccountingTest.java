package dev.matchflow.pubsub.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Whoever waits for a subscription to be empty (the stack's quiescence) must never see a message that is in neither
 * the subscription nor its dead-letter topic. The test looks at the subscription's figures at the very moment its last
 * failed delivery is forwarded, from inside the forwarding.
 */
class DeadLetterAccountingTest {

    private static final String TOPIC = "projects/p/topics/events";
    private static final String DEAD_LETTER_TOPIC = "projects/p/topics/events-dead-letter";
    private static final int MAX_ATTEMPTS = 5;

    @Test
    void aMessageCountsInItsSubscriptionUntilItIsInTheDeadLetterTopic() {
        AtomicReference<SubscriptionState> subscription = new AtomicReference<>();
        List<SubscriptionStats> whileForwarding = new ArrayList<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (EventDispatcher events = new EventDispatcher()) {
            DeadLetterTopics deadLetters = new DeadLetterTopics() {
                @Override
                public boolean exists(String topic) {
                    return topic.equals(DEAD_LETTER_TOPIC);
                }

                @Override
                public boolean publish(String topic, PubsubMessage message) {
                    whileForwarding.add(subscription.get().stats());
                    return true;
                }
            };
            subscription.set(new SubscriptionState(
                    1,
                    deadLettering(),
                    AttributeFilter.parse(""),
                    new DeliveryRuntime(timer, Runnable::run, events, deadLetters, 1)));
            subscription.get().enqueue(List.of(message()));

            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Lease lease = subscription
                        .get()
                        .lease(new FlowQuota(10, 1 << 20), 1, 1 << 20, 60)
                        .get(0);
                subscription.get().nack(List.of(lease.serial()));
            }

            assertThat(whileForwarding)
                    .singleElement()
                    .satisfies(stats -> assertThat(stats.backlog() + stats.inFlight())
                            .as("held by the subscription while it is forwarded")
                            .isEqualTo(1));
            assertThat(subscription.get().stats().backlog()).isZero();
            assertThat(subscription.get().stats().deadLettered()).isEqualTo(1);
        } finally {
            timer.shutdownNow();
        }
    }

    /** A pull subscription without a retry policy, so a nacked message is ready again at once. */
    private static Subscription deadLettering() {
        return Subscription.newBuilder()
                .setName("projects/p/subscriptions/handler")
                .setTopic(TOPIC)
                .setDeadLetterPolicy(DeadLetterPolicy.newBuilder()
                        .setDeadLetterTopic(DEAD_LETTER_TOPIC)
                        .setMaxDeliveryAttempts(MAX_ATTEMPTS))
                .build();
    }

    private static StoredMessage message() {
        PubsubMessage message = PubsubMessage.newBuilder()
                .setMessageId("1")
                .setData(ByteString.copyFromUtf8("{}"))
                .build();
        return new StoredMessage(TOPIC, message, message.getSerializedSize());
    }
}
