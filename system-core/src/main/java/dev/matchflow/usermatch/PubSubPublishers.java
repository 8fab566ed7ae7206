package dev.matchflow.usermatch;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pub/Sub publisher User-Match runs with on its own: for the topic {@code PUBSUB_TOPIC} (else {@code
 * POOL_EVENTS_TOPIC}, else {@value #DEFAULT_TOPIC}) of the project {@code GCP_PROJECT_ID}, through the emulator
 * at {@code PUBSUB_EMULATOR_HOST} when that is set (plaintext, no credentials; the project then defaults to
 * {@value #DEFAULT_EMULATOR_PROJECT}), otherwise through Google Cloud with Application Default Credentials.
 *
 * <p>Message ordering is on, so the client retries a publish that failed for a transient reason until it passes
 * (see {@link PubSubEventPublisher}).
 */
final class PubSubPublishers implements AutoCloseable {

    static final String DEFAULT_TOPIC = "user_left_pool";
    static final String DEFAULT_EMULATOR_PROJECT = "matchflow-local";

    private static final Logger log = LoggerFactory.getLogger(PubSubPublishers.class);
    /** The client refuses retry settings with a shorter total timeout, though with ordering on it ignores it. */
    private static final Duration CLIENT_MIN_TOTAL_TIMEOUT = Duration.ofSeconds(10);

    private static final int SHUTDOWN_SECONDS = 10;
    private static final Executor SHUTDOWN_THREADS = runnable -> {
        Thread thread = new Thread(runnable, "usermatch-publisher-shutdown");
        thread.setDaemon(true);
        thread.start();
    };

    private final Publisher publisher;
    private final Optional<ManagedChannel> channel;

    private PubSubPublishers(Publisher publisher, Optional<ManagedChannel> channel) {
        this.publisher = publisher;
        this.channel = channel;
    }

    /**
     * @throws IllegalStateException when {@code GCP_PROJECT_ID} is missing outside an emulator, or the client
     *     cannot be built
     */
    static PubSubPublishers fromEnvironment(Map<String, String> environment, RelaySettings relay) {
        Optional<String> emulator = setting(environment, "PUBSUB_EMULATOR_HOST");
        String project = setting(environment, "GCP_PROJECT_ID")
                .or(() -> emulator.map(host -> DEFAULT_EMULATOR_PROJECT))
                .orElseThrow(() -> new IllegalStateException("GCP_PROJECT_ID is not set; set it to the Google Cloud"
                        + " project of the topic, or set PUBSUB_EMULATOR_HOST=host:port to publish to an emulator"));
        TopicName topic = TopicName.of(project, topic(environment));
        Publisher.Builder builder = Publisher.newBuilder(topic)
                .setEnableMessageOrdering(true)
                .setRetrySettings(retrySettings(relay.publishTimeout()));
        Optional<ManagedChannel> channel = emulator.map(PubSubPublishers::plaintextChannel);
        channel.ifPresent(plaintext -> builder.setChannelProvider(
                        FixedTransportChannelProvider.create(GrpcTransportChannel.create(plaintext)))
                .setCredentialsProvider(NoCredentialsProvider.create()));
        log.info(
                "publishing events to {}{}",
                topic,
                emulator.map(host -> " on the emulator at " + host).orElse(""));
        return new PubSubPublishers(build(builder, topic), channel);
    }

    EventPublisher eventPublisher() {
        return new PubSubEventPublisher(publisher);
    }

    /**
     * Sends what is batched and shuts the publisher and its channel down. The client waits for every publish in
     * flight, and keeps retrying those while Pub/Sub is unreachable; after {@value #SHUTDOWN_SECONDS} s this gives
     * up on them: they stay pending in the outbox for the next relay.
     */
    @Override
    public void close() {
        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(publisher::shutdown, SHUTDOWN_THREADS);
        try {
            shutdown.get(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn(
                    "the publisher of {} still has publishes in flight after {} s; they are abandoned here and stay"
                            + " pending in the outbox",
                    publisher.getTopicNameString(),
                    SHUTDOWN_SECONDS);
        } catch (ExecutionException e) {
            log.warn("the publisher of {} failed to shut down: {}", publisher.getTopicNameString(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.ifPresent(ManagedChannel::shutdownNow);
    }

    private static String topic(Map<String, String> environment) {
        return setting(environment, "PUBSUB_TOPIC")
                .or(() -> setting(environment, "POOL_EVENTS_TOPIC"))
                .orElse(DEFAULT_TOPIC);
    }

    /**
     * With ordering on, the client retries a publish until it passes and ignores attempt limits and total
     * timeouts; what remains to set is the pace: retries from 100 ms doubling up to 5 s, so that Pub/Sub coming
     * back is noticed within seconds, and each attempt given up after the relay's publish timeout.
     */
    private static RetrySettings retrySettings(Duration publishTimeout) {
        return RetrySettings.newBuilder()
                .setInitialRetryDelayDuration(Duration.ofMillis(100))
                .setRetryDelayMultiplier(2)
                .setMaxRetryDelayDuration(Duration.ofSeconds(5))
                .setInitialRpcTimeoutDuration(publishTimeout)
                .setRpcTimeoutMultiplier(1)
                .setMaxRpcTimeoutDuration(publishTimeout)
                .setTotalTimeoutDuration(
                        CLIENT_MIN_TOTAL_TIMEOUT.compareTo(publishTimeout) > 0
                                ? CLIENT_MIN_TOTAL_TIMEOUT
                                : publishTimeout)
                .build();
    }

    private static ManagedChannel plaintextChannel(String endpoint) {
        return ManagedChannelBuilder.forTarget(endpoint).usePlaintext().build();
    }

    private static Publisher build(Publisher.Builder builder, TopicName topic) {
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Pub/Sub publisher for " + topic + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> setting(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
