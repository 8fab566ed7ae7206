package dev.matchflow.pubsub.embedded;

import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import com.google.protobuf.util.Durations;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.function.Predicate;

/** Checks a subscription's settings, fills the defaults and applies updates, with the real service's messages. */
final class SubscriptionSettings {

    static final int DEFAULT_ACK_DEADLINE_SECONDS = 10;
    static final int MAX_ACK_DEADLINE_SECONDS = 600;

    private static final Duration MIN_RETENTION = Durations.fromMinutes(10);
    private static final Duration MAX_RETENTION = Durations.fromDays(7);
    private static final Duration DEFAULT_MINIMUM_BACKOFF = Durations.fromSeconds(10);
    private static final Duration MAX_BACKOFF = Durations.fromSeconds(600);
    private static final int DEFAULT_MAX_DELIVERY_ATTEMPTS = 5;
    private static final int MIN_DELIVERY_ATTEMPTS = 5;
    private static final int MAX_DELIVERY_ATTEMPTS = 100;
    private static final Set<String> IMMUTABLE = Set.of(
            "name",
            "topic",
            "filter",
            "enable_message_ordering",
            "state",
            "topic_message_retention_duration",
            "analytics_hub_subscription_info");

    private SubscriptionSettings() {}

    /**
     * The subscription with the defaults the real service fills in, after checking every setting.
     *
     * @param topicExists whether a topic exists, for the dead-letter topic
     */
    static Subscription normalized(Subscription subscription, Predicate<String> topicExists) {
        checkSupported(subscription);
        checkPushConfig(subscription.getPushConfig());
        var normalized = subscription.toBuilder()
                .setPushConfig(subscription.getPushConfig())
                .setAckDeadlineSeconds(ackDeadline(subscription.getAckDeadlineSeconds()))
                .setMessageRetentionDuration(retention(subscription))
                .setState(Subscription.State.ACTIVE)
                .clearDeadLetterPolicy();
        if (subscription.hasRetryPolicy()) {
            normalized.setRetryPolicy(retryPolicy(subscription.getRetryPolicy()));
        }
        if (!subscription.getDeadLetterPolicy().getDeadLetterTopic().isEmpty()) {
            normalized.setDeadLetterPolicy(deadLetterPolicy(subscription.getDeadLetterPolicy(), topicExists));
        }
        return normalized.build();
    }

    /** The subscription with the fields named in the mask taken from {@code patch}, checked again. */
    static Subscription applyUpdate(
            Subscription current, Subscription patch, FieldMask mask, Predicate<String> topicExists) {
        if (mask.getPathsCount() == 0) {
            throw ApiErrors.invalidArgument("The update_mask in the UpdateSubscriptionRequest must be set, and must"
                    + " contain a non-empty paths list.");
        }
        Subscription.Builder updated = current.toBuilder();
        for (String path : mask.getPathsList()) {
            applyPath(updated, patch, path);
        }
        return normalized(updated.build(), topicExists);
    }

    static Subscription withPushConfig(Subscription current, PushConfig pushConfig) {
        checkPushConfig(pushConfig);
        return current.toBuilder().setPushConfig(pushConfig).build();
    }

    static boolean isPush(Subscription subscription) {
        return !subscription.getPushConfig().getPushEndpoint().isEmpty();
    }

    static int checkAckDeadline(int seconds) {
        if (seconds < DEFAULT_ACK_DEADLINE_SECONDS || seconds > MAX_ACK_DEADLINE_SECONDS) {
            throw ApiErrors.invalidArgument("The value for ack_deadline_seconds is out of bounds. You passed "
                    + seconds + " in the request, but the value must be between " + DEFAULT_ACK_DEADLINE_SECONDS
                    + " and " + MAX_ACK_DEADLINE_SECONDS + ".");
        }
        return seconds;
    }

    private static void applyPath(Subscription.Builder updated, Subscription patch, String path) {
        switch (path) {
            case "ack_deadline_seconds" -> updated.setAckDeadlineSeconds(patch.getAckDeadlineSeconds());
            case "push_config" -> updated.setPushConfig(patch.getPushConfig());
            case "retry_policy" -> updated.setRetryPolicy(patch.getRetryPolicy());
            case "dead_letter_policy" -> updated.setDeadLetterPolicy(patch.getDeadLetterPolicy());
            case "labels" -> updated.clearLabels().putAllLabels(patch.getLabelsMap());
            case "message_retention_duration" ->
                updated.setMessageRetentionDuration(
                        patch.hasMessageRetentionDuration() ? patch.getMessageRetentionDuration() : MAX_RETENTION);
            case "expiration_policy" -> updated.setExpirationPolicy(patch.getExpirationPolicy());
            case "retain_acked_messages" -> updated.setRetainAckedMessages(patch.getRetainAckedMessages());
            case "enable_exactly_once_delivery" ->
                updated.setEnableExactlyOnceDelivery(patch.getEnableExactlyOnceDelivery());
            default -> throw notUpdatable(path);
        }
        if (path.equals("retry_policy") && !patch.hasRetryPolicy()) {
            updated.clearRetryPolicy();
        }
        if (path.equals("expiration_policy") && !patch.hasExpirationPolicy()) {
            updated.clearExpirationPolicy();
        }
    }

    private static RuntimeException notUpdatable(String path) {
        String prefix = "Invalid update_mask provided in the UpdateSubscriptionRequest: ";
        if (IMMUTABLE.contains(path)) {
            return ApiErrors.invalidArgument(prefix + "the " + path + " field in the Subscription is not mutable.");
        }
        if (Subscription.getDescriptor().findFieldByName(path) != null) {
            return unsupported(path);
        }
        return ApiErrors.invalidArgument(prefix + path + " is not a known Subscription field. Note that field paths"
                + " must be of the form 'push_config' rather than 'pushConfig'.");
    }

    private static int ackDeadline(int seconds) {
        return seconds == 0 ? DEFAULT_ACK_DEADLINE_SECONDS : checkAckDeadline(seconds);
    }

    private static Duration retention(Subscription subscription) {
        if (!subscription.hasMessageRetentionDuration()) {
            return MAX_RETENTION;
        }
        Duration retention = subscription.getMessageRetentionDuration();
        if (Durations.compare(retention, MIN_RETENTION) < 0 || Durations.compare(retention, MAX_RETENTION) > 0) {
            throw outOfBounds("message_retention_duration", retention, MIN_RETENTION, MAX_RETENTION);
        }
        return retention;
    }

    private static RetryPolicy retryPolicy(RetryPolicy requested) {
        Duration minimum = requested.hasMinimumBackoff() ? requested.getMinimumBackoff() : DEFAULT_MINIMUM_BACKOFF;
        Duration maximum = requested.hasMaximumBackoff() ? requested.getMaximumBackoff() : MAX_BACKOFF;
        checkBackoff("minimum_backoff", minimum);
        checkBackoff("maximum_backoff", maximum);
        if (Durations.compare(maximum, minimum) < 0) {
            throw ApiErrors.invalidArgument("The value for maximum_backoff is too small. You passed "
                    + Durations.toString(maximum) + " in the request, but the minimum value is "
                    + Durations.toString(minimum) + ".");
        }
        return RetryPolicy.newBuilder()
                .setMinimumBackoff(minimum)
                .setMaximumBackoff(maximum)
                .build();
    }

    private static void checkBackoff(String field, Duration value) {
        if (Durations.compare(value, Durations.ZERO) < 0 || Durations.compare(value, MAX_BACKOFF) > 0) {
            throw outOfBounds(field, value, Durations.ZERO, MAX_BACKOFF);
        }
    }

    private static DeadLetterPolicy deadLetterPolicy(DeadLetterPolicy requested, Predicate<String> topicExists) {
        int attempts = requested.getMaxDeliveryAttempts() == 0
                ? DEFAULT_MAX_DELIVERY_ATTEMPTS
                : requested.getMaxDeliveryAttempts();
        if (attempts < MIN_DELIVERY_ATTEMPTS) {
            throw ApiErrors.outOfRange("The value for max_delivery_attempts is too small. You passed " + attempts
                    + " in the request, but the minimum value is " + MIN_DELIVERY_ATTEMPTS + ".");
        }
        if (attempts > MAX_DELIVERY_ATTEMPTS) {
            throw ApiErrors.outOfRange("The value for max_delivery_attempts is too large. You passed " + attempts
                    + " in the request, but the maximum value is " + MAX_DELIVERY_ATTEMPTS + ".");
        }
        String topic = ResourceNames.checkTopic(requested.getDeadLetterTopic());
        if (!topicExists.test(topic)) {
            throw ApiErrors.notFound("Dead letter topic not found (resource=" + topic + ")");
        }
        return requested.toBuilder().setMaxDeliveryAttempts(attempts).build();
    }

    private static void checkPushConfig(PushConfig pushConfig) {
        String endpoint = pushConfig.getPushEndpoint();
        if (endpoint.isEmpty()) {
            return;
        }
        if (!isHttpUrl(endpoint)) {
            throw ApiErrors.invalidArgument(
                    "Unsupported push_endpoint (push_endpoint=" + endpoint + "): use an http:// or https:// URL");
        }
        if (pushConfig.hasOidcToken()) {
            throw ApiErrors.unimplemented("push_config.oidc_token is not supported by the embedded Pub/Sub server:"
                    + " it cannot sign Google ID tokens. Leave it unset");
        }
    }

    private static boolean isHttpUrl(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void checkSupported(Subscription subscription) {
        if (subscription.getEnableExactlyOnceDelivery()) {
            throw unsupported("enable_exactly_once_delivery");
        }
        if (subscription.hasBigqueryConfig()) {
            throw unsupported("bigquery_config");
        }
        if (subscription.hasCloudStorageConfig()) {
            throw unsupported("cloud_storage_config");
        }
    }

    private static RuntimeException outOfBounds(String field, Duration value, Duration min, Duration max) {
        return ApiErrors.invalidArgument("The value for " + field + " is out of bounds. You passed "
                + Durations.toString(value) + " in the request, but the value must be between "
                + Durations.toString(min) + " and " + Durations.toString(max) + ".");
    }

    private static RuntimeException unsupported(String field) {
        return ApiErrors.unimplemented(
                "Subscription field " + field + " is not supported by the embedded Pub/Sub server; leave it unset");
    }
}
