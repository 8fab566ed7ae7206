package dev.matchflow.pubsub.embedded;

import static dev.matchflow.pubsub.embedded.PubSubFixture.assertApiError;
import static dev.matchflow.pubsub.embedded.PubSubFixture.message;
import static dev.matchflow.pubsub.embedded.PubSubFixture.subscriptionName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.api.gax.rpc.StatusCode.Code;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PullTest {

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
    void pullsAtMostMaxMessages() {
        for (int i = 0; i < 5; i++) {
            pubsub.publish(topic, message("event " + i));
        }

        PullResponse first = pull(3, true);
        PullResponse second = pull(3, true);

        assertThat(first.getReceivedMessagesList()).hasSize(3);
        assertThat(second.getReceivedMessagesList()).hasSize(2);
        assertThat(pubsub.broker().subscriptionStats(subscription))
                .extracting(SubscriptionStats::backlog, SubscriptionStats::inFlight, SubscriptionStats::deliveries)
                .containsExactly(0L, 5L, 5L);
    }

    @Test
    void aPullThatReturnsImmediatelyMayBeEmpty() {
        assertThat(pull(10, true).getReceivedMessagesList()).isEmpty();
    }

    @Test
    void aPullThatMayWaitAnswersWithTheFirstMessageToArrive() {
        CompletableFuture<PullResponse> waiting = CompletableFuture.supplyAsync(() -> pull(10, false));

        pubsub.publish(topic, message("late event"));

        PullResponse response = waiting.join();
        assertThat(response.getReceivedMessagesList())
                .extracting(received -> received.getMessage().getData().toStringUtf8())
                .containsExactly("late event");
    }

    @Test
    void anAcknowledgedMessageIsNotDeliveredAgain() {
        pubsub.publish(topic, message("event"));
        ReceivedMessage received = pull(10, true).getReceivedMessages(0);

        pubsub.subscriptionAdmin().acknowledge(subscription, List.of(received.getAckId()));

        assertThat(pull(10, true).getReceivedMessagesList()).isEmpty();
        assertThat(pubsub.broker().subscriptionStats(subscription))
                .extracting(SubscriptionStats::inFlight, SubscriptionStats::acked)
                .containsExactly(0L, 1L);
    }

    @Test
    void aZeroAckDeadlineIsANackAndRedeliversUnderANewAckId() {
        String id = pubsub.publish(topic, message("event"));
        ReceivedMessage first = pull(10, true).getReceivedMessages(0);

        pubsub.subscriptionAdmin().modifyAckDeadline(subscription, List.of(first.getAckId()), 0);

        ReceivedMessage second = pull(10, true).getReceivedMessages(0);
        assertThat(second.getMessage().getMessageId()).isEqualTo(id);
        assertThat(second.getAckId()).isNotEqualTo(first.getAckId());
        assertThat(pubsub.broker().subscriptionStats(subscription).nacked()).isEqualTo(1);
    }

    @Test
    void aMessageWhoseDeadlinePassesIsDeliveredAgain() {
        String id = pubsub.publish(topic, message("event"));
        ReceivedMessage first = pull(10, true).getReceivedMessages(0);

        pubsub.subscriptionAdmin().modifyAckDeadline(subscription, List.of(first.getAckId()), 1);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> pubsub.broker().subscriptionStats(subscription).expired() == 1);
        ReceivedMessage second = pull(10, true).getReceivedMessages(0);
        assertThat(second.getMessage().getMessageId()).isEqualTo(id);
    }

    @Test
    void ackIdsOfEndedLeasesAreIgnored() {
        pubsub.publish(topic, message("event"));
        ReceivedMessage first = pull(10, true).getReceivedMessages(0);
        pubsub.subscriptionAdmin().modifyAckDeadline(subscription, List.of(first.getAckId()), 0);
        ReceivedMessage second = pull(10, true).getReceivedMessages(0);

        pubsub.subscriptionAdmin().acknowledge(subscription, List.of(first.getAckId()));
        pubsub.subscriptionAdmin().modifyAckDeadline(subscription, List.of(first.getAckId()), 30);

        assertThat(pubsub.broker().subscriptionStats(subscription))
                .extracting(SubscriptionStats::inFlight, SubscriptionStats::acked)
                .containsExactly(1L, 0L);
        pubsub.subscriptionAdmin().acknowledge(subscription, List.of(second.getAckId()));
        assertThat(pubsub.broker().subscriptionStats(subscription).acked()).isEqualTo(1);
    }

    @Test
    void aMalformedAckIdIsInvalid() {
        assertApiError(
                () -> pubsub.subscriptionAdmin().acknowledge(subscription, List.of("garbage")),
                Code.INVALID_ARGUMENT,
                "Invalid ack id (ack_id=garbage)");
    }

    @Test
    void anAckIdOfAnotherSubscriptionIsInvalid() {
        String other = pubsub.givenSubscription("inspection", topic);
        pubsub.publish(topic, message("event"));
        ReceivedMessage received = pull(10, true).getReceivedMessages(0);

        assertApiError(
                () -> pubsub.subscriptionAdmin().acknowledge(other, List.of(received.getAckId())),
                Code.INVALID_ARGUMENT,
                "meant for subscription: " + subscription);
    }

    @Test
    void anAckDeadlineIsBetweenZeroAnd600Seconds() {
        pubsub.publish(topic, message("event"));
        String ackId = pull(10, true).getReceivedMessages(0).getAckId();

        assertApiError(
                () -> pubsub.subscriptionAdmin().modifyAckDeadline(subscription, List.of(ackId), -1),
                Code.INVALID_ARGUMENT,
                "Ack deadline cannot be negative");
        assertApiError(
                () -> pubsub.subscriptionAdmin().modifyAckDeadline(subscription, List.of(ackId), 601),
                Code.INVALID_ARGUMENT,
                "You passed 601 in the request");
    }

    @Test
    void aPullNeedsMaxMessages() {
        assertApiError(() -> pull(0, true), Code.INVALID_ARGUMENT, "No max_messages specified");
    }

    @Test
    void pullingAMissingSubscriptionIsNotFound() {
        assertApiError(
                () -> pubsub.subscriptionAdmin().pull(subscriptionName("missing"), 1),
                Code.NOT_FOUND,
                "Subscription does not exist");
    }

    @SuppressWarnings("deprecation") // return_immediately is deprecated but still sent by clients
    private PullResponse pull(int maxMessages, boolean returnImmediately) {
        return pubsub.subscriptionAdmin()
                .pullCallable()
                .call(PullRequest.newBuilder()
                        .setSubscription(subscription)
                        .setMaxMessages(maxMessages)
                        .setReturnImmediately(returnImmediately)
                        .build());
    }
}
