package dev.matchflow.pubsub.embedded;

import static dev.matchflow.pubsub.embedded.PubSubFixture.PROJECT;
import static dev.matchflow.pubsub.embedded.PubSubFixture.assertApiError;
import static dev.matchflow.pubsub.embedded.PubSubFixture.subscriptionName;
import static dev.matchflow.pubsub.embedded.PubSubFixture.topicName;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.rpc.StatusCode.Code;
import com.google.protobuf.FieldMask;
import com.google.protobuf.util.Durations;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.ListSubscriptionsRequest;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.UpdateSubscriptionRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscriptionAdminTest {

    private PubSubFixture pubsub;
    private String topic;

    @BeforeEach
    void startServer() {
        pubsub = PubSubFixture.start();
        topic = pubsub.givenTopic("user_left_pool");
        pubsub.givenTopic("user_left_pool-dead-letter");
    }

    @AfterEach
    void stopServer() {
        pubsub.close();
    }

    @Test
    void createsASubscriptionWithTheServiceDefaults() {
        Subscription created = pubsub.subscriptionAdmin()
                .createSubscription(Subscription.newBuilder()
                        .setName(subscriptionName("match-cleanup-handler"))
                        .setTopic(topic)
                        .build());

        assertThat(created.getAckDeadlineSeconds()).isEqualTo(10);
        assertThat(created.getMessageRetentionDuration()).isEqualTo(Durations.fromDays(7));
        assertThat(created.getState()).isEqualTo(Subscription.State.ACTIVE);
        assertThat(pubsub.subscriptionAdmin().getSubscription(created.getName()))
                .isEqualTo(created);
        assertThat(pubsub.broker().subscriptions()).containsExactly(created.getName());
    }

    @Test
    void fillsTheDefaultsOfRetryAndDeadLetterPolicies() {
        Subscription created = pubsub.subscriptionAdmin()
                .createSubscription(Subscription.newBuilder()
                        .setName(subscriptionName("with-policies"))
                        .setTopic(topic)
                        .setRetryPolicy(RetryPolicy.getDefaultInstance())
                        .setDeadLetterPolicy(DeadLetterPolicy.newBuilder()
                                .setDeadLetterTopic(topicName("user_left_pool-dead-letter")))
                        .build());

        assertThat(created.getRetryPolicy().getMinimumBackoff()).isEqualTo(Durations.fromSeconds(10));
        assertThat(created.getRetryPolicy().getMaximumBackoff()).isEqualTo(Durations.fromSeconds(600));
        assertThat(created.getDeadLetterPolicy().getMaxDeliveryAttempts()).isEqualTo(5);
    }

    @Test
    void creatingASubscriptionTwiceIsAlreadyExists() {
        pubsub.givenSubscription("match-cleanup-handler", topic);

        assertApiError(
                () -> pubsub.givenSubscription("match-cleanup-handler", topic),
                Code.ALREADY_EXISTS,
                "Subscription already exists");
    }

    @Test
    void aSubscriptionNeedsAnExistingTopic() {
        assertApiError(
                () -> pubsub.givenSubscription("orphan", topicName("missing")),
                Code.NOT_FOUND,
                "Subscription topic does not exist");
    }

    @Test
    void subscriptionIdsFollowTheNamingRules() {
        assertApiError(
                () -> pubsub.givenSubscription("9lives", topic),
                Code.INVALID_ARGUMENT,
                "Invalid [subscriptions] name: (name=" + subscriptionName("9lives") + ")");
    }

    @Test
    void theAckDeadlineIsBetween10And600Seconds() {
        assertThat(pubsub.subscriptionAdmin()
                        .getSubscription(pubsub.givenSubscription("at-600", topic, s -> s.setAckDeadlineSeconds(600)))
                        .getAckDeadlineSeconds())
                .isEqualTo(600);
        assertApiError(
                () -> pubsub.givenSubscription("at-5", topic, s -> s.setAckDeadlineSeconds(5)),
                Code.INVALID_ARGUMENT,
                "You passed 5 in the request, but the value must be between 10 and 600");
        assertApiError(
                () -> pubsub.givenSubscription("at-601", topic, s -> s.setAckDeadlineSeconds(601)),
                Code.INVALID_ARGUMENT,
                "You passed 601 in the request");
    }

    @Test
    void maxDeliveryAttemptsIsBetween5And100() {
        assertApiError(
                () -> pubsub.givenSubscription("four", topic, s -> s.setDeadLetterPolicy(deadLetterAfter(4))),
                Code.OUT_OF_RANGE,
                "max_delivery_attempts is too small. You passed 4");
        assertApiError(
                () -> pubsub.givenSubscription("hundred-one", topic, s -> s.setDeadLetterPolicy(deadLetterAfter(101))),
                Code.OUT_OF_RANGE,
                "max_delivery_attempts is too large. You passed 101");
    }

    @Test
    void theDeadLetterTopicMustExist() {
        assertApiError(
                () -> pubsub.givenSubscription(
                        "lost-letters",
                        topic,
                        s -> s.setDeadLetterPolicy(DeadLetterPolicy.newBuilder()
                                .setDeadLetterTopic(topicName("missing"))
                                .setMaxDeliveryAttempts(5))),
                Code.NOT_FOUND,
                "Dead letter topic not found");
    }

    @Test
    void backoffsAreBetweenZeroAnd600SecondsAndTheMaximumIsNotBelowTheMinimum() {
        assertApiError(
                () -> pubsub.givenSubscription("slow", topic, s -> s.setRetryPolicy(retry(700, 700))),
                Code.INVALID_ARGUMENT,
                "The value for minimum_backoff is out of bounds. You passed 700s");
        assertApiError(
                () -> pubsub.givenSubscription("inverted", topic, s -> s.setRetryPolicy(retry(60, 10))),
                Code.INVALID_ARGUMENT,
                "The value for maximum_backoff is too small. You passed 10s in the request, but the minimum value"
                        + " is 60s");
    }

    @Test
    void anInvalidFilterIsRejectedAtCreation() {
        assertApiError(
                () -> pubsub.givenSubscription("filtered", topic, s -> s.setFilter("attributes.version = 1")),
                Code.INVALID_ARGUMENT,
                "Invalid filter at position 22: expected a string literal");
    }

    @Test
    void aPushEndpointMustBeAnHttpUrl() {
        assertApiError(
                () -> pubsub.givenSubscription(
                        "pushed",
                        topic,
                        s -> s.setPushConfig(PushConfig.newBuilder().setPushEndpoint("ftp://x"))),
                Code.INVALID_ARGUMENT,
                "Unsupported push_endpoint (push_endpoint=ftp://x)");
    }

    @Test
    void exactlyOnceDeliveryIsNotSupported() {
        assertApiError(
                () -> pubsub.givenSubscription("exactly-once", topic, s -> s.setEnableExactlyOnceDelivery(true)),
                Code.UNIMPLEMENTED,
                "enable_exactly_once_delivery is not supported");
    }

    @Test
    void updatesTheFieldsNamedInTheMask() {
        String subscription = pubsub.givenSubscription("match-cleanup-handler", topic);

        Subscription updated = pubsub.subscriptionAdmin()
                .updateSubscription(UpdateSubscriptionRequest.newBuilder()
                        .setSubscription(Subscription.newBuilder()
                                .setName(subscription)
                                .setAckDeadlineSeconds(60)
                                .putLabels("owner", "matches")
                                .setRetryPolicy(retry(1, 30))
                                .setDeadLetterPolicy(deadLetterAfter(5))
                                .setFilter("attributes:ignored"))
                        .setUpdateMask(FieldMask.newBuilder()
                                .addAllPaths(List.of(
                                        "ack_deadline_seconds", "labels", "retry_policy", "dead_letter_policy")))
                        .build());

        assertThat(updated.getAckDeadlineSeconds()).isEqualTo(60);
        assertThat(updated.getLabelsMap()).containsEntry("owner", "matches");
        assertThat(updated.getRetryPolicy()).isEqualTo(retry(1, 30));
        assertThat(updated.getDeadLetterPolicy()).isEqualTo(deadLetterAfter(5));
        assertThat(updated.getFilter()).as("not in the mask").isEmpty();
        assertThat(pubsub.subscriptionAdmin().getSubscription(subscription)).isEqualTo(updated);
    }

    @Test
    void anUpdateWithoutAPolicyRemovesIt() {
        String subscription = pubsub.givenSubscription(
                "with-policies", topic, s -> s.setRetryPolicy(retry(1, 30)).setDeadLetterPolicy(deadLetterAfter(5)));

        Subscription updated = pubsub.subscriptionAdmin()
                .updateSubscription(UpdateSubscriptionRequest.newBuilder()
                        .setSubscription(Subscription.newBuilder().setName(subscription))
                        .setUpdateMask(
                                FieldMask.newBuilder().addPaths("retry_policy").addPaths("dead_letter_policy"))
                        .build());

        assertThat(updated.hasRetryPolicy()).isFalse();
        assertThat(updated.hasDeadLetterPolicy()).isFalse();
    }

    @Test
    void theFilterCannotBeUpdated() {
        String subscription = pubsub.givenSubscription("filtered", topic);

        assertApiError(
                () -> pubsub.subscriptionAdmin()
                        .updateSubscription(UpdateSubscriptionRequest.newBuilder()
                                .setSubscription(Subscription.newBuilder()
                                        .setName(subscription)
                                        .setFilter("attributes:x"))
                                .setUpdateMask(FieldMask.newBuilder().addPaths("filter"))
                                .build()),
                Code.INVALID_ARGUMENT,
                "the filter field in the Subscription is not mutable");
    }

    @Test
    void anUpdateIsCheckedLikeACreation() {
        String subscription = pubsub.givenSubscription("checked", topic);

        assertApiError(
                () -> pubsub.subscriptionAdmin()
                        .updateSubscription(UpdateSubscriptionRequest.newBuilder()
                                .setSubscription(Subscription.newBuilder()
                                        .setName(subscription)
                                        .setAckDeadlineSeconds(3))
                                .setUpdateMask(FieldMask.newBuilder().addPaths("ack_deadline_seconds"))
                                .build()),
                Code.INVALID_ARGUMENT,
                "You passed 3 in the request");
    }

    @Test
    void updatingAMissingSubscriptionIsNotFound() {
        assertApiError(
                () -> pubsub.subscriptionAdmin()
                        .updateSubscription(UpdateSubscriptionRequest.newBuilder()
                                .setSubscription(Subscription.newBuilder().setName(subscriptionName("missing")))
                                .setUpdateMask(FieldMask.newBuilder().addPaths("labels"))
                                .build()),
                Code.NOT_FOUND,
                "Subscription does not exist");
    }

    @Test
    void listsTheSubscriptionsOfAProject() {
        for (String id : List.of("sub-c", "sub-a", "sub-b")) {
            pubsub.givenSubscription(id, topic);
        }

        var names = pubsub.subscriptionAdmin().listSubscriptions(PROJECT).iterateAll();

        assertThat(names)
                .extracting(Subscription::getName)
                .containsExactly(subscriptionName("sub-a"), subscriptionName("sub-b"), subscriptionName("sub-c"));
    }

    @Test
    void listingWithAForeignPageTokenIsInvalid() {
        assertApiError(
                () -> pubsub.subscriptionAdmin()
                        .listSubscriptions(ListSubscriptionsRequest.newBuilder()
                                .setProject(PROJECT)
                                .setPageToken("zzz")
                                .build()),
                Code.INVALID_ARGUMENT,
                "Invalid page_token (page_token=zzz)");
    }

    @Test
    void deletesASubscription() {
        String subscription = pubsub.givenSubscription("short-lived", topic);

        pubsub.subscriptionAdmin().deleteSubscription(subscription);

        assertApiError(
                () -> pubsub.subscriptionAdmin().getSubscription(subscription),
                Code.NOT_FOUND,
                "Subscription does not exist");
        assertApiError(
                () -> pubsub.subscriptionAdmin().deleteSubscription(subscription),
                Code.NOT_FOUND,
                "Subscription does not exist");
        assertThat(pubsub.topicAdmin().listTopicSubscriptions(topic).iterateAll())
                .isEmpty();
    }

    @Test
    void modifiesThePushConfig() {
        String subscription = pubsub.givenSubscription("pushed", topic);
        PushConfig push = PushConfig.newBuilder()
                .setPushEndpoint("http://127.0.0.1:9/push")
                .build();

        pubsub.subscriptionAdmin().modifyPushConfig(subscription, push);
        Subscription pushed = pubsub.subscriptionAdmin().getSubscription(subscription);
        pubsub.subscriptionAdmin().modifyPushConfig(subscription, PushConfig.getDefaultInstance());

        assertThat(pushed.getPushConfig()).isEqualTo(push);
        assertThat(pubsub.subscriptionAdmin().getSubscription(subscription).getPushConfig())
                .isEqualTo(PushConfig.getDefaultInstance());
    }

    private static DeadLetterPolicy deadLetterAfter(int attempts) {
        return DeadLetterPolicy.newBuilder()
                .setDeadLetterTopic(topicName("user_left_pool-dead-letter"))
                .setMaxDeliveryAttempts(attempts)
                .build();
    }

    private static RetryPolicy retry(int minimumSeconds, int maximumSeconds) {
        return RetryPolicy.newBuilder()
                .setMinimumBackoff(Durations.fromSeconds(minimumSeconds))
                .setMaximumBackoff(Durations.fromSeconds(maximumSeconds))
                .build();
    }
}
