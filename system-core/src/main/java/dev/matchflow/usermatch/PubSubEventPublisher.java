package dev.matchflow.usermatch;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.common.util.concurrent.MoreExecutors;
import dev.matchflow.events.EncodedEvent;
import dev.matchflow.pubsub.PubSubClients;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes through the official client's {@link Publisher}, which must have message ordering enabled. The
 * publisher is the caller's: this class never shuts it down.
 *
 * <p>With ordering enabled the client retries a publish that failed with a retryable status (unavailable, deadline
 * exceeded, internal, ...) until it succeeds, however long that takes, whatever the retry settings say; the
 * returned future completes exceptionally only for failures it does not retry (the topic does not exist,
 * permission denied). After such a failure the client pauses the ordering key and refuses every later message
 * with it until the key is resumed.
 */
public final class PubSubEventPublisher implements EventPublisher {

    private final Publisher publisher;

    public PubSubEventPublisher(Publisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /**
     * Publishes to {@code topic} through a publisher of {@code clients} (closed with them) whose retries of a
     * transient failure are paced for the outbox: from 100 ms doubling up to 5 s, so that Pub/Sub coming back is
     * noticed within seconds, each attempt given up after the relay's publish timeout.
     */
    public static PubSubEventPublisher create(PubSubClients clients, String topic, RelaySettings relay) {
        RetrySettings paced = pacedRetries(relay.publishTimeout());
        return new PubSubEventPublisher(clients.publisher(topic, builder -> builder.setRetrySettings(paced)));
    }

    /**
     * Resumes the event's ordering key, then publishes. The outbox decides when an event is tried again, and
     * never publishes a user's event while an earlier one of the same user is in flight, so a paused key only
     * ever holds back the retry it is meant for. Resuming from the failure callback instead would come too early:
     * the client pauses the key after it has failed the publish's future.
     */
    @Override
    public CompletableFuture<String> publish(EncodedEvent event) {
        publisher.resumePublish(event.orderingKey());
        CompletableFuture<String> messageId = new CompletableFuture<>();
        ApiFuture<String> published = publisher.publish(event.toPubsubMessage());
        ApiFutures.addCallback(published, new Completion(messageId), MoreExecutors.directExecutor());
        return messageId;
    }

    @Override
    public String toString() {
        return "Pub/Sub topic " + publisher.getTopicNameString();
    }

    /**
     * The client insists on a total timeout of at least 10 s even where, with ordering on, it ignores it; only the
     * delays and the time per attempt take effect.
     */
    private static RetrySettings pacedRetries(Duration publishTimeout) {
        return RetrySettings.newBuilder()
                .setInitialRetryDelayDuration(Duration.ofMillis(100))
                .setRetryDelayMultiplier(2)
                .setMaxRetryDelayDuration(Duration.ofSeconds(5))
                .setInitialRpcTimeoutDuration(publishTimeout)
                .setRpcTimeoutMultiplier(1)
                .setMaxRpcTimeoutDuration(publishTimeout)
                .setTotalTimeoutDuration(Duration.ofMinutes(10))
                .build();
    }

    /** Hands the client's outcome on. */
    private static final class Completion implements ApiFutureCallback<String> {

        private final CompletableFuture<String> messageId;

        Completion(CompletableFuture<String> messageId) {
            this.messageId = messageId;
        }

        @Override
        public void onSuccess(String id) {
            messageId.complete(id);
        }

        @Override
        public void onFailure(Throwable failure) {
            messageId.completeExceptionally(failure);
        }
    }
}
