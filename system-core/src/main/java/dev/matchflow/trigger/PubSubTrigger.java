package dev.matchflow.trigger;

import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.protobuf.util.Timestamps;
import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.events.MessagePublishedData;
import dev.matchflow.observability.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for Eventarc: pulls the trigger subscription and POSTs every message to the function as a binary-mode
 * {@code google.cloud.pubsub.topic.v1.messagePublished} CloudEvent. A 2xx answer acknowledges the message;
 * anything else, or no answer, nacks it, so the subscription's retry and dead-letter policies decide what comes
 * next. A {@link DeliveryPlanner} may hold a message back, POST it more than once or hand it back unPOSTed; by
 * default every message is POSTed once, at once.
 *
 * <p>With tracing, every delivery attempt is a CONSUMER span that continues the trace of the message's {@value
 * Telemetry#MESSAGE_TRACEPARENT} attribute and carries message id, attempt and outcome; the function gets its
 * context as the CloudEvent's {@code traceparent} extension ({@code ce-traceparent}) and the {@code traceparent}
 * header.
 *
 * <pre>{@code
 * try (PubSubTrigger trigger = new PubSubTrigger(settings, clients::subscriber)) {
 *     trigger.addListener(delivery -> feed.publish(delivery));
 *     trigger.start();
 * }
 * }</pre>
 */
public final class PubSubTrigger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PubSubTrigger.class);

    /**
     * Attributes the client library adds on receipt, such as the delivery attempt; publishers never set them, except
     * the trace context, which publishing client libraries add and Eventarc passes on with the message.
     */
    private static final String CLIENT_ATTRIBUTE_PREFIX = "googclient_";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final TriggerSettings settings;
    private final SubscriberFactory subscribers;
    private final String cloudEventSource;
    private final HttpClient http;
    private final Semaphore deliverySlots;
    private final DeliveryTracing tracing;
    private final List<DeliveryListener> listeners = new CopyOnWriteArrayList<>();
    private final HeldDeliveries held = new HeldDeliveries();
    private volatile DeliveryPlanner planner = DeliveryPlanner.DIRECT;
    private volatile ScheduledExecutorService holds;
    private Subscriber subscriber;

    /** A trigger that traces nothing. */
    public PubSubTrigger(TriggerSettings settings, SubscriberFactory subscribers) {
        this(settings, subscribers, OpenTelemetry.noop());
    }

    /** A trigger that traces every delivery attempt with {@code openTelemetry}, for example a {@link Telemetry}'s. */
    public PubSubTrigger(TriggerSettings settings, SubscriberFactory subscribers, OpenTelemetry openTelemetry) {
        this.settings = settings;
        this.subscribers = subscribers;
        this.cloudEventSource = MessagePublishedData.cloudEventSource(settings.projectId(), settings.topicId());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .build();
        this.deliverySlots = new Semaphore(settings.maxConcurrentDeliveries());
        this.tracing = new DeliveryTracing(openTelemetry, settings);
    }

    /** Adds a listener that hears about every delivery from now on. */
    public PubSubTrigger addListener(DeliveryListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Plans every delivery with {@code newPlanner} from now on, instead of delivering each message once at once. */
    public synchronized PubSubTrigger withDeliveryPlanner(DeliveryPlanner newPlanner) {
        planner = Objects.requireNonNull(newPlanner, "planner");
        return this;
    }

    /**
     * Starts pulling and delivering.
     *
     * @throws IllegalStateException when already started, or when the subscriber cannot start (e.g. the
     *     subscription does not exist)
     */
    public synchronized PubSubTrigger start() {
        if (subscriber != null) {
            throw new IllegalStateException("trigger for " + settings.subscriptionName() + " already runs");
        }
        holds = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trigger-holds");
            thread.setDaemon(true);
            return thread;
        });
        Subscriber started = subscribers.create(settings.subscriptionId(), this::receive);
        started.startAsync().awaitRunning();
        subscriber = started;
        LOG.info(
                "trigger delivering {} to {} (at most {} at once)",
                settings.subscriptionName(),
                settings.functionUrl(),
                settings.maxConcurrentDeliveries());
        return this;
    }

    /** How many POSTs to the function are under way now, counting the messages held back to be POSTed later. */
    public int deliveriesInFlight() {
        return settings.maxConcurrentDeliveries() - deliverySlots.availablePermits() + held.count();
    }

    /** True between {@link #start()} and {@link #close()}. */
    public synchronized boolean isRunning() {
        return subscriber != null;
    }

    /**
     * Stops pulling and waits for deliveries in flight, held ones included, to be answered. It can be started again.
     * Stopping twice does nothing.
     */
    @Override
    public synchronized void close() {
        if (subscriber == null) {
            return;
        }
        try {
            subscriber.stopAsync().awaitTerminated(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            held.awaitNone(STOP_TIMEOUT);
            awaitDeliveriesInFlight();
        } catch (TimeoutException e) {
            LOG.warn("trigger for {} did not stop within {}", settings.subscriptionName(), STOP_TIMEOUT);
        } finally {
            subscriber = null;
            holds.shutdownNow();
        }
        LOG.info("trigger for {} stopped", settings.subscriptionName());
    }

    private void receive(PubsubMessage message, AckReplyConsumer reply) {
        int attempt = deliveryAttempt(message);
        DeliveryPlan plan = planner.plan(message.getMessageId(), message.getOrderingKey());
        if (plan.refusal().isPresent()) {
            refuse(message, reply, attempt, plan.refusal().get());
        } else if (plan.hold().isZero()) {
            deliver(message, reply, attempt, plan.copies());
        } else {
            held.add(1);
            holds.schedule(
                    () -> deliverHeld(message, reply, attempt, plan.copies()),
                    plan.hold().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void deliverHeld(PubsubMessage message, AckReplyConsumer reply, int attempt, int copies) {
        try {
            deliver(message, reply, attempt, copies);
        } finally {
            held.add(-1);
        }
    }

    /** POSTs the copies at once and settles the message when all have answered: acked only if every one succeeded. */
    private void deliver(PubsubMessage message, AckReplyConsumer reply, int attempt, int copies) {
        List<CompletableFuture<Delivery>> posts = new ArrayList<>();
        for (int copy = 0; copy < copies && takeDeliverySlot(message); copy++) {
            posts.add(post(message, attempt));
        }
        if (posts.isEmpty()) {
            reply.nack();
            return;
        }
        CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).thenRun(() -> settle(reply, settling(posts)));
    }

    private CompletableFuture<Delivery> post(PubsubMessage message, int attempt) {
        Span span = tracing.start(message.getMessageId(), message.getAttributesMap(), attempt);
        long startNanos = System.nanoTime();
        return http.sendAsync(cloudEventRequest(message, attempt, span), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    try {
                        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
                        Delivery delivery = delivery(message.getMessageId(), attempt, response, error, duration);
                        DeliveryTracing.end(span, delivery);
                        return delivery;
                    } finally {
                        deliverySlots.release();
                    }
                });
    }

    /** The delivery that decides the message's fate: the first failed copy, else the first copy. */
    private static Delivery settling(List<CompletableFuture<Delivery>> posts) {
        List<Delivery> deliveries = posts.stream().map(CompletableFuture::join).toList();
        return deliveries.stream()
                .filter(delivery -> delivery.outcome() == Delivery.Outcome.NACKED)
                .findFirst()
                .orElse(deliveries.get(0));
    }

    private void refuse(PubsubMessage message, AckReplyConsumer reply, int attempt, String why) {
        Span span = tracing.start(message.getMessageId(), message.getAttributesMap(), attempt);
        Delivery refused = new Delivery(
                message.getMessageId(),
                attempt,
                Delivery.Outcome.NACKED,
                OptionalInt.empty(),
                Duration.ZERO,
                Optional.of("not delivered: " + why));
        DeliveryTracing.end(span, refused);
        settle(reply, refused);
    }

    private HttpRequest cloudEventRequest(PubsubMessage message, int attempt, Span span) {
        PubsubMessage published = message.toBuilder()
                .clearAttributes()
                .putAllAttributes(publishedAttributes(message.getAttributesMap()))
                .build();
        byte[] data = new MessagePublishedData(published, settings.subscriptionName(), attempt).toJson();

        HttpRequest.Builder request = HttpRequest.newBuilder(settings.functionUrl())
                .timeout(settings.requestTimeout())
                .header("ce-id", message.getMessageId())
                .header("ce-source", cloudEventSource)
                .header("ce-type", MessagePublishedData.CLOUD_EVENT_TYPE)
                .header("ce-specversion", "1.0")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data));
        if (message.hasPublishTime()) {
            request.header("ce-time", Timestamps.toString(message.getPublishTime()));
        }
        tracing.propagate(span, request);
        return request.build();
    }

    private static Delivery delivery(
            String messageId, int attempt, HttpResponse<String> response, Throwable error, Duration duration) {
        if (response == null) {
            String failure = "no answer: " + error;
            return new Delivery(
                    messageId, attempt, Delivery.Outcome.NACKED, OptionalInt.empty(), duration, Optional.of(failure));
        }
        int status = response.statusCode();
        boolean success = status >= 200 && status < 300;
        return new Delivery(
                messageId,
                attempt,
                success ? Delivery.Outcome.ACKED : Delivery.Outcome.NACKED,
                OptionalInt.of(status),
                duration,
                success ? Optional.empty() : Optional.of("status " + status + ": " + abbreviate(response.body())));
    }

    private void settle(AckReplyConsumer reply, Delivery delivery) {
        if (delivery.outcome() == Delivery.Outcome.ACKED) {
            reply.ack();
            LOG.debug(
                    "delivered message_id={} attempt={} status={} in {} ms, acked",
                    delivery.messageId(),
                    delivery.attempt(),
                    delivery.status().getAsInt(),
                    delivery.duration().toMillis());
        } else {
            reply.nack();
            LOG.warn(
                    "delivery failed message_id={} attempt={} after {} ms, nacked for redelivery: {}",
                    delivery.messageId(),
                    delivery.attempt(),
                    delivery.duration().toMillis(),
                    delivery.failure().orElse(""));
        }
        listeners.forEach(listener -> tell(listener, delivery));
    }

    private static void tell(DeliveryListener listener, Delivery delivery) {
        try {
            listener.delivered(delivery);
        } catch (RuntimeException e) {
            LOG.warn("delivery listener {} failed on message_id={}", listener, delivery.messageId(), e);
        }
    }

    private boolean takeDeliverySlot(PubsubMessage message) {
        try {
            deliverySlots.acquire();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("trigger interrupted before delivering message_id={}; nacked", message.getMessageId());
            return false;
        }
    }

    private void awaitDeliveriesInFlight() throws TimeoutException {
        int all = settings.maxConcurrentDeliveries();
        try {
            if (!deliverySlots.tryAcquire(all, STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("deliveries still in flight");
            }
            deliverySlots.release(all);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int deliveryAttempt(PubsubMessage message) {
        Integer attempt = Subscriber.getDeliveryAttempt(message);
        return attempt == null ? 0 : attempt;
    }

    private static Map<String, String> publishedAttributes(Map<String, String> attributes) {
        return attributes.entrySet().stream()
                .filter(attribute -> !attribute.getKey().startsWith(CLIENT_ATTRIBUTE_PREFIX)
                        || attribute.getKey().equals(Telemetry.MESSAGE_TRACEPARENT))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
