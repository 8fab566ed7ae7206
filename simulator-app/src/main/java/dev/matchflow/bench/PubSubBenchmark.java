package dev.matchflow.bench;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import dev.matchflow.pubsub.PubSubBackend;
import dev.matchflow.pubsub.PubSubClients;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The same workload on each Pub/Sub backend, over a real loopback port: event-sized messages (about 150 bytes,
 * 4 attributes) published with the client's {@link Publisher} and received with its streaming-pull
 * {@link Subscriber}, which acks each. One phase publishes as fast as the client allows, the next at a steady
 * rate; a warm-up run before them is not measured. Latency runs from the {@value #SENT_AT} attribute, set just
 * before each publish, to the receipt.
 */
public final class PubSubBenchmark {

    /** The attribute carrying the publisher's {@link System#nanoTime()} at publish. */
    static final String SENT_AT = "sent_at_nanos";

    private static final String PROJECT = "matchflow-bench";
    private static final int WARM_UP_MESSAGES = 2_000;
    private static final Duration FLAT_OUT_LIMIT = Duration.ofMinutes(2);
    private static final Duration SLACK = Duration.ofSeconds(30);

    private final Settings settings;
    private final PrintStream progress;

    /**
     * What to run.
     *
     * @param messages messages per measured phase
     * @param rate messages per second in the paced phase
     * @param backends the backends to compare, in this order
     */
    public record Settings(int messages, int rate, List<PubSubBackend> backends) {

        /** Checks the figures are positive and each backend is one the benchmark can start. */
        public Settings {
            if (messages < 1 || rate < 1) {
                throw new IllegalArgumentException("--messages and --rate must be at least 1, got messages=" + messages
                        + " and rate=" + rate + ".");
            }
            backends = List.copyOf(backends);
        }
    }

    public PubSubBenchmark(Settings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** The figures as the one plain-text table the benchmark prints. */
    public static String table(Settings settings, List<BackendResult> results) {
        return BenchTable.render(settings, results);
    }

    /** Runs every backend in turn and returns their figures. */
    public List<BackendResult> run() {
        List<BackendResult> results = new ArrayList<>();
        for (PubSubBackend backend : settings.backends()) {
            results.add(measure(backend));
        }
        return results;
    }

    private BackendResult measure(PubSubBackend backend) {
        long startedAt = System.nanoTime();
        try (BenchBackends.Running running = BenchBackends.start(backend);
                PubSubClients clients = PubSubClients.forEmulator(PROJECT, running.endpoint())) {
            long startup = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
            progress.printf(
                    "bench: %s answers on %s (started in %d ms); warming up%n", backend, running.endpoint(), startup);
            runPhase(clients, Math.min(WARM_UP_MESSAGES, settings.messages()), 0);
            progress.printf("bench: %s: %d messages flat out%n", backend, settings.messages());
            PhaseResult flatOut = runPhase(clients, settings.messages(), 0);
            progress.printf("bench: %s: %d messages at %d/s%n", backend, settings.messages(), settings.rate());
            PhaseResult paced = runPhase(clients, settings.messages(), settings.rate());
            return new BackendResult(backend, startup, flatOut, paced);
        }
    }

    private PhaseResult runPhase(PubSubClients clients, int count, int rate) {
        TopicName topic = clients.topicName("bench-" + UUID.randomUUID());
        SubscriptionName subscription = clients.subscriptionName("bench-" + UUID.randomUUID());
        clients.topicAdmin().createTopic(topic);
        clients.subscriptionAdmin().createSubscription(subscriptionOn(topic, subscription));
        try {
            return measurePhase(clients, topic, subscription, count, rate);
        } finally {
            clients.subscriptionAdmin().deleteSubscription(subscription);
            clients.topicAdmin().deleteTopic(topic);
        }
    }

    private static PhaseResult measurePhase(
            PubSubClients clients, TopicName topic, SubscriptionName subscription, int count, int rate) {
        List<PubsubMessage> messages = eventSizedMessages(count);
        LatencyRecorder recorder = new LatencyRecorder(count);
        Subscriber subscriber = clients.subscriber(subscription.getSubscription(), (message, reply) -> {
            recorder.record(message.getMessageId(), Long.parseLong(message.getAttributesOrThrow(SENT_AT)));
            reply.ack();
        });
        subscriber.startAsync().awaitRunning();
        Publisher publisher = clients.publisher(topic.getTopic());
        try {
            long start = System.nanoTime();
            PublishProgress published = publish(publisher, messages, rate, start);
            recorder.awaitAll(phaseLimit(count, rate));
            published.awaitAll(SLACK);
            return result(count, start, published, recorder);
        } finally {
            publisher.shutdown();
            subscriber.stopAsync().awaitTerminated();
        }
    }

    private static PublishProgress publish(Publisher publisher, List<PubsubMessage> messages, int rate, long start) {
        PublishProgress progress = new PublishProgress(messages.size());
        long interval = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / rate;
        for (int i = 0; i < messages.size(); i++) {
            waitUntil(start + i * interval);
            PubsubMessage message = messages.get(i).toBuilder()
                    .putAttributes(SENT_AT, Long.toString(System.nanoTime()))
                    .build();
            progress.track(publisher.publish(message));
        }
        return progress;
    }

    private static PhaseResult result(int count, long start, PublishProgress published, LatencyRecorder recorder) {
        double publishSeconds = seconds(published.lastConfirmedAt() - start);
        double endToEndSeconds = seconds(recorder.lastReceivedAtNanos() - start);
        return new PhaseResult(
                count,
                recorder.received(),
                published.confirmed() / publishSeconds,
                recorder.received() / endToEndSeconds,
                recorder.percentiles());
    }

    private static Duration phaseLimit(int count, int rate) {
        return rate == 0 ? FLAT_OUT_LIMIT : Duration.ofSeconds(count / rate).plus(SLACK);
    }

    private static void waitUntil(long dueNanos) {
        for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    private static Subscription subscriptionOn(TopicName topic, SubscriptionName subscription) {
        return Subscription.newBuilder()
                .setName(subscription.toString())
                .setTopic(topic.toString())
                .setAckDeadlineSeconds(60)
                .build();
    }

    /** Messages shaped like {@code pool_member_removed} events: a JSON body of about 150 bytes, 4 attributes. */
    private static List<PubsubMessage> eventSizedMessages(int count) {
        List<PubsubMessage> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String poolId = UUID.randomUUID().toString();
            String userId = UUID.randomUUID().toString();
            String body = "{\"event_type\":\"pool_member_removed\",\"event_id\":\"" + UUID.randomUUID()
                    + "\",\"pool_id\":\"" + poolId + "\",\"user_id\":\"" + userId + "\"}";
            messages.add(PubsubMessage.newBuilder()
                    .setData(ByteString.copyFrom(body, StandardCharsets.UTF_8))
                    .putAttributes("event_type", "pool_member_removed")
                    .putAttributes("pool_id", poolId)
                    .putAttributes("user_id", userId)
                    .build());
        }
        return messages;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Counts publish confirmations and remembers when the last one came. */
    private static final class PublishProgress {
        private final AtomicInteger confirmed = new AtomicInteger();
        private final AtomicLong lastConfirmedAt = new AtomicLong();
        private final CountDownLatch outstanding;

        PublishProgress(int expected) {
            this.outstanding = new CountDownLatch(expected);
        }

        void track(ApiFuture<String> messageId) {
            ApiFutures.addCallback(
                    messageId,
                    new ApiFutureCallback<>() {
                        @Override
                        public void onSuccess(String id) {
                            confirmed.incrementAndGet();
                            lastConfirmedAt.accumulateAndGet(System.nanoTime(), Math::max);
                            outstanding.countDown();
                        }

                        @Override
                        public void onFailure(Throwable failure) {
                            outstanding.countDown();
                        }
                    },
                    MoreExecutors.directExecutor());
        }

        void awaitAll(Duration limit) {
            try {
                outstanding.await(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        int confirmed() {
            return confirmed.get();
        }

        long lastConfirmedAt() {
            return lastConfirmedAt.get();
        }
    }
}
