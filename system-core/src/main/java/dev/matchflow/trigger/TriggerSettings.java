package dev.matchflow.trigger;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What the trigger pulls from and where it delivers.
 *
 * @param projectId the Google Cloud project of the topic and subscription
 * @param topicId the topic the messages were published to; names the CloudEvent source
 * @param subscriptionId the trigger's subscription, e.g. {@code match-cleanup-handler}
 * @param functionUrl where the function takes CloudEvents
 * @param maxConcurrentDeliveries how many POSTs may be in flight at once; further messages wait
 * @param requestTimeout how long one POST may take before it counts as failed
 */
public record TriggerSettings(
        String projectId,
        String topicId,
        String subscriptionId,
        URI functionUrl,
        int maxConcurrentDeliveries,
        Duration requestTimeout) {

    public static final int DEFAULT_MAX_CONCURRENT_DELIVERIES = 8;

    /** Cloud Functions' default function timeout. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public TriggerSettings {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(topicId, "topicId");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(functionUrl, "functionUrl");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxConcurrentDeliveries < 1) {
            throw new IllegalArgumentException(
                    "maxConcurrentDeliveries " + maxConcurrentDeliveries + " must be at least 1");
        }
    }

    /** Settings with the default concurrency and timeout. */
    public TriggerSettings(String projectId, String topicId, String subscriptionId, URI functionUrl) {
        this(
                projectId,
                topicId,
                subscriptionId,
                functionUrl,
                DEFAULT_MAX_CONCURRENT_DELIVERIES,
                DEFAULT_REQUEST_TIMEOUT);
    }

    /** The full subscription name, as Eventarc puts it in the CloudEvent data. */
    public String subscriptionName() {
        return "projects/" + projectId + "/subscriptions/" + subscriptionId;
    }
}
