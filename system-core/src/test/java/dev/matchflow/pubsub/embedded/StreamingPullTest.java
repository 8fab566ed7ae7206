package dev.matchflow.pubsub.embedded;

import static dev.matchflow.pubsub.embedded.PubSubFixture.message;
import static dev.matchflow.pubsub.embedded.RawStream.firstRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.StreamingPullRequest;
import io.grpc.Status;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamingPullTest {

    private PubSubFixture pubsub;
    private String topic;
    private String subscription;

    @BeforeEach
    void startServer() {
        pubsub = PubSubFixture.start();
        topic = pubsub.givenTopic("user_left_pool");
        subscription = pubsub.givenSubscription("match-cleanup-handler", topic);
    }

    @AfterEach
    void stopServer() {
        pubsub.close();
    }

    @Test
    void theClientReceivesAndAcksEveryMessage() {
        Set<String> received = ConcurrentHashMap.newKeySet();
        pubsub.subscriber(subscription, (message, reply) -> {
            received.add(message.getMessageId());
            reply.ack();
        });

        Set<String> published = publish(100);

        await().untilAsserted(() -> assertThat(received).isEqualTo(published));
        await().untilAsserted(() -> assertThat(stats())
                .extracting(SubscriptionStats::acked, SubscriptionStats::inFlight, SubscriptionStats::backlog)
                .containsExactly(100L, 0L, 0L));
        assertThat(stats().deliveries()).isEqualTo(100);
    }

    @Test
    void aNackedMessageIsDeliveredAgain() {
        List<String> deliveries = new CopyOnWriteArrayList<>();
        pubsub.subscriber(subscription, (message, reply) -> {
            deliveries.add(message.getMessageId());
            nackTheFirstTime(deliveries, message, reply);
        });

        String id = pubsub.publish(topic, message("event"));

        await().untilAsserted(() -> assertThat(deliveries).containsExactly(id, id));
        await().untilAsserted(() -> assertThat(stats())
                .extracting(SubscriptionStats::nacked, SubscriptionStats::acked)
                .containsExactly(1L, 1L));
    }

    @Test
    void aMessageWhoseLeaseRunsOutIsDeliveredAgain() {
        List<String> deliveries = new CopyOnWriteArrayList<>();
        pubsub.subscriber(
                subscription,
                (message, reply) -> {
                    deliveries.add(message.getMessageId());
                    if (deliveries.size() > 1) {
                        reply.ack();
                    }
                },
                settings -> settings.setMaxAckExtensionPeriodDuration(Duration.ZERO)
                        .setMaxDurationPerAckExtensionDuration(Duration.ofSeconds(10)));

        String id = pubsub.publish(topic, message("forgotten"));

        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(deliveries).containsExactly(id, id));
        assertThat(stats().expired()).isEqualTo(1);
    }

    @Test
    void noMessageIsDeliveredTwiceWhenOneSubscriberStopsAndAnotherStarts() {
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Subscriber first = pubsub.subscriber(subscription, (message, reply) -> {
            count(deliveries, message);
            reply.ack();
        });
        Set<String> earlier = publish(50);
        await().until(() -> stats().acked() == 50);

        first.stopAsync().awaitTerminated();
        Set<String> receivedBySecond = ConcurrentHashMap.newKeySet();
        pubsub.subscriber(subscription, (message, reply) -> {
            count(deliveries, message);
            receivedBySecond.add(message.getMessageId());
            reply.ack();
        });
        Set<String> later = publish(50);

        await().until(() -> stats().acked() == 100);
        assertThat(receivedBySecond).isEqualTo(later).doesNotContainAnyElementsOf(earlier);
        assertThat(deliveries.values()).allMatch(count -> count.get() == 1);
        assertThat(stats().deliveries()).isEqualTo(100);
    }

    @Test
    void aStreamGetsNoMoreMessagesThanItsFlowControlAllows() {
        RawStream stream = RawStream.open(pubsub.asyncSubscriberStub(), firstRequest(subscription, 2));

        publish(5);

        await().until(() -> stream.messages().size() == 2);
        assertThat(stats())
                .extracting(SubscriptionStats::inFlight, SubscriptionStats::backlog)
                .containsExactly(2L, 3L);
        stream.send(StreamingPullRequest.newBuilder()
                .addAckIds(stream.messages().get(0).getAckId())
                .build());
        await().until(() -> stream.messages().size() == 3);
        assertThat(stats().inFlight()).isEqualTo(2);
        stream.cancel();
    }

    @Test
    void acksAndDeadlineChangesSentOnTheStreamAreApplied() {
        RawStream stream = RawStream.open(pubsub.asyncSubscriberStub(), firstRequest(subscription, 10));
        String acked = pubsub.publish(topic, message("to ack"));
        await().until(() -> stream.messages().size() == 1);

        stream.send(StreamingPullRequest.newBuilder()
                .addAckIds(stream.messages().get(0).getAckId())
                .build());
        String nacked = pubsub.publish(topic, message("to nack"));
        await().until(() -> stream.messages().size() == 2);
        stream.send(StreamingPullRequest.newBuilder()
                .addModifyDeadlineAckIds(stream.messages().get(1).getAckId())
                .addModifyDeadlineSeconds(0)
                .build());

        await().until(() -> stream.messages().size() == 3);
        assertThat(stream.messages())
                .extracting(received -> received.getMessage().getMessageId())
                .containsExactly(acked, nacked, nacked);
        assertThat(stats())
                .extracting(SubscriptionStats::acked, SubscriptionStats::nacked)
                .containsExactly(1L, 1L);
        stream.cancel();
    }

    @Test
    void aKeepaliveOnTheStreamIsAnswered() {
        RawStream stream = RawStream.open(pubsub.asyncSubscriberStub(), firstRequest(subscription, 10));

        stream.send(StreamingPullRequest.getDefaultInstance());

        await().until(() -> !stream.responses().isEmpty());
        assertThat(stream.responses().get(0).getReceivedMessagesList()).isEmpty();
        stream.cancel();
    }

    @Test
    void aLeaseOutlivesTheStreamItWasDeliveredOn() {
        RawStream first = RawStream.open(pubsub.asyncSubscriberStub(), firstRequest(subscription, 10));
        String id = pubsub.publish(topic, message("event"));
        await().until(() -> first.messages().size() == 1);
        String ackId = first.messages().get(0).getAckId();

        first.cancel();
        RawStream second = RawStream.open(pubsub.asyncSubscriberStub(), firstRequest(subscription, 10));
        second.send(StreamingPullRequest.getDefaultInstance());
        await().until(() -> !second.responses().isEmpty());

        assertThat(stats())
                .extracting(SubscriptionStats::inFlight, SubscriptionStats::backlog)
                .containsExactly(1L, 0L);
        assertThat(second.messages()).isEmpty();
        pubsub.subscriberStub()
                .modifyAckDeadline(ModifyAckDeadlineRequest.newBuilder()
                        .setSubscription(subscription)
                        .addAckIds(ackId)
                        .setAckDeadlineSeconds(0)
                        .build());
        await().until(() -> second.messages().size() == 1);
        assertThat(second.messages().get(0).getMessage().getMessageId()).isEqualTo(id);
        second.cancel();
    }

    @Test
    void deletingTheSubscriptionEndsItsStreamsWithNotFound() {
        RawStream stream = RawStream.open(pubsub.asyncSubscriberStub(), firstRequest(subscription, 10));
        stream.send(StreamingPullRequest.getDefaultInstance());
        await().until(() -> !stream.responses().isEmpty());

        pubsub.subscriptionAdmin().deleteSubscription(subscription);

        Status status = stream.closed().join();
        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).contains("it was deleted");
    }

    @Test
    void theFirstRequestNamesTheSubscriptionAndTheStreamDeadline() {
        RawStream withoutSubscription = RawStream.open(
                pubsub.asyncSubscriberStub(),
                StreamingPullRequest.newBuilder()
                        .setStreamAckDeadlineSeconds(10)
                        .build());
        RawStream withoutDeadline = RawStream.open(
                pubsub.asyncSubscriberStub(),
                StreamingPullRequest.newBuilder().setSubscription(subscription).build());

        assertThat(withoutSubscription.closed().join().getDescription())
                .isEqualTo("first message must set subscription");
        assertThat(withoutDeadline.closed().join().getDescription())
                .isEqualTo("first message must set stream_ack_deadline_seconds");
    }

    private Set<String> publish(int count) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(pubsub.publish(topic, message("event " + i)));
        }
        return ids;
    }

    private SubscriptionStats stats() {
        return pubsub.broker().subscriptionStats(subscription);
    }

    private static void nackTheFirstTime(List<String> deliveries, PubsubMessage message, AckReplyConsumer reply) {
        if (deliveries.indexOf(message.getMessageId()) == deliveries.size() - 1
                && deliveries.stream().filter(message.getMessageId()::equals).count() == 1) {
            reply.nack();
        } else {
            reply.ack();
        }
    }

    private static void count(Map<String, AtomicInteger> deliveries, PubsubMessage message) {
        deliveries
                .computeIfAbsent(message.getMessageId(), id -> new AtomicInteger())
                .incrementAndGet();
    }
}
