package dev.matchflow.pubsub.embedded;

import com.google.protobuf.Timestamp;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ListSubscriptionsRequest;
import com.google.pubsub.v1.ListSubscriptionsResponse;
import com.google.pubsub.v1.ListTopicSubscriptionsRequest;
import com.google.pubsub.v1.ListTopicSubscriptionsResponse;
import com.google.pubsub.v1.ListTopicsRequest;
import com.google.pubsub.v1.ListTopicsResponse;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.ModifyPushConfigRequest;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublishResponse;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.StreamingPullRequest;
import com.google.pubsub.v1.StreamingPullResponse;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import com.google.pubsub.v1.UpdateSubscriptionRequest;
import com.google.pubsub.v1.UpdateTopicRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pub/Sub engine: topics, subscriptions and their messages, all in memory, thread-safe. It speaks the API's
 * request and response messages, so the gRPC services and the REST form are thin adapters; errors are
 * {@link io.grpc.StatusRuntimeException}s with the codes and messages of the real service.
 *
 * <p>Each subscription has its own lock; no lock is held while a message is written to a stream or pushed. Close the
 * broker to stop its timer, listener and push threads.
 */
public final class Broker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    /** The longest a unary pull without {@code return_immediately} waits for messages before answering empty. */
    public static final Duration MAX_PULL_WAIT = Duration.ofSeconds(10);

    /** How often expired leases are looked for: the precision of ack deadlines. */
    private static final long EXPIRY_SWEEP_MILLIS = 50;

    private final NavigableMap<String, TopicState> topics = new ConcurrentSkipListMap<>();
    private final NavigableMap<String, SubscriptionState> subscriptions = new ConcurrentSkipListMap<>();
    private final Map<Long, String> subscriptionNamesBySerial = new ConcurrentHashMap<>();
    private final Map<String, PushDelivery> pushDeliveries = new ConcurrentHashMap<>();
    private final Object adminLock = new Object();
    private final AtomicLong lastMessageId = new AtomicLong();
    private final AtomicLong lastSubscriptionSerial = new AtomicLong();
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService deliveryExecutor;
    private final ExecutorService pushExecutor;
    private final HttpClient pushClient;
    private final EventDispatcher events = new EventDispatcher();
    private final DeliveryRuntime runtime;

    /** A broker whose retry backoffs run in real time. */
    public Broker() {
        this(1.0);
    }

    /**
     * A broker whose retry backoffs and push retry delays run {@code timeScale} times faster than real time (ack
     * deadlines always run in real time: clients manage their leases by the clock).
     */
    public Broker(double timeScale) {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be a positive number, was " + timeScale);
        }
        timer = new ScheduledThreadPoolExecutor(1, daemonThreads("pubsub-timer"));
        deliveryExecutor = Executors.newCachedThreadPool(daemonThreads("pubsub-delivery"));
        pushExecutor = Executors.newCachedThreadPool(daemonThreads("pubsub-push"));
        pushClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(pushExecutor)
                .build();
        runtime = new DeliveryRuntime(timer, deliveryExecutor, events, new DeadLetterRoute(), timeScale);
        timer.scheduleWithFixedDelay(
                this::expireLeases, EXPIRY_SWEEP_MILLIS, EXPIRY_SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    // Topics

    public Topic createTopic(Topic topic) {
        String name = ResourceNames.checkTopic(topic.getName());
        Topic checked = TopicSettings.checked(topic);
        synchronized (adminLock) {
            if (topics.containsKey(name)) {
                throw ApiErrors.alreadyExists("Topic already exists (resource=" + name + ")");
            }
            topics.put(name, new TopicState(checked));
        }
        LOG.info("Created topic {}", name);
        return checked;
    }

    public Topic getTopic(String topic) {
        return requireTopic(topic).config();
    }

    public Topic updateTopic(UpdateTopicRequest request) {
        synchronized (adminLock) {
            TopicState topic = requireTopic(request.getTopic().getName());
            Topic updated = TopicSettings.applyUpdate(topic.config(), request.getTopic(), request.getUpdateMask());
            topic.updateConfig(updated);
            return updated;
        }
    }

    public ListTopicsResponse listTopics(ListTopicsRequest request) {
        String prefix = ResourceNames.checkProject(request.getProject()) + "/topics/";
        var page = Paging.page(topics, prefix, request.getPageSize(), request.getPageToken());
        var response = ListTopicsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(topic -> response.addTopics(topic.config()));
        return response.build();
    }

    public ListTopicSubscriptionsResponse listTopicSubscriptions(ListTopicSubscriptionsRequest request) {
        TopicState topic = requireTopic(request.getTopic());
        NavigableMap<String, String> names = new TreeMap<>();
        topic.subscriptions().forEach(subscription -> names.put(subscription.name(), subscription.name()));
        var page = Paging.page(names, "", request.getPageSize(), request.getPageToken());
        return ListTopicSubscriptionsResponse.newBuilder()
                .addAllSubscriptions(page.items())
                .setNextPageToken(page.nextPageToken())
                .build();
    }

    /** Deletes a topic; its subscriptions stay, showing the topic {@code _deleted-topic_}, as in the real service. */
    public void deleteTopic(String topic) {
        ResourceNames.checkTopic(topic);
        TopicState removed;
        synchronized (adminLock) {
            removed = topics.remove(topic);
            if (removed == null) {
                throw ApiErrors.topicNotFound(topic);
            }
            for (SubscriptionState subscription : removed.subscriptions()) {
                subscription.updateConfig(subscription.config().toBuilder()
                        .setTopic(ResourceNames.DELETED_TOPIC)
                        .build());
            }
        }
        LOG.info(
                "Deleted topic {} ({} subscriptions detached)",
                topic,
                removed.subscriptions().size());
    }

    public PublishResponse publish(PublishRequest request) {
        ResourceNames.checkTopic(request.getTopic());
        PublishValidation.check(request);
        TopicState topic = requireTopic(request.getTopic());
        List<StoredMessage> stored = stamp(request.getTopic(), request.getMessagesList());
        distribute(topic, stored);
        var response = PublishResponse.newBuilder();
        stored.forEach(message -> response.addMessageIds(message.id()));
        return response.build();
    }

    // Subscriptions

    public Subscription createSubscription(Subscription subscription) {
        String name = ResourceNames.checkSubscription(subscription.getName());
        ResourceNames.checkTopic(subscription.getTopic());
        AttributeFilter filter = parseFilter(subscription.getFilter());
        SubscriptionState created;
        synchronized (adminLock) {
            if (subscriptions.containsKey(name)) {
                throw ApiErrors.alreadyExists("Subscription already exists (resource=" + name + ")");
            }
            TopicState topic = topics.get(subscription.getTopic());
            if (topic == null) {
                throw ApiErrors.notFound(
                        "Subscription topic does not exist (resource=" + subscription.getTopic() + ")");
            }
            Subscription config = SubscriptionSettings.normalized(subscription, topics::containsKey);
            created = new SubscriptionState(lastSubscriptionSerial.incrementAndGet(), config, filter, runtime);
            subscriptions.put(name, created);
            subscriptionNamesBySerial.put(created.serial(), name);
            topic.attach(created);
            reconcilePushDelivery(created);
        }
        LOG.info("Created subscription {} on {}", name, subscription.getTopic());
        return created.config();
    }

    public Subscription getSubscription(String subscription) {
        return requireSubscription(subscription).config();
    }

    public Subscription updateSubscription(UpdateSubscriptionRequest request) {
        synchronized (adminLock) {
            SubscriptionState subscription =
                    requireSubscription(request.getSubscription().getName());
            Subscription updated = SubscriptionSettings.applyUpdate(
                    subscription.config(), request.getSubscription(), request.getUpdateMask(), topics::containsKey);
            subscription.updateConfig(updated);
            reconcilePushDelivery(subscription);
            return updated;
        }
    }

    public ListSubscriptionsResponse listSubscriptions(ListSubscriptionsRequest request) {
        String prefix = ResourceNames.checkProject(request.getProject()) + "/subscriptions/";
        var page = Paging.page(subscriptions, prefix, request.getPageSize(), request.getPageToken());
        var response = ListSubscriptionsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(subscription -> response.addSubscriptions(subscription.config()));
        return response.build();
    }

    /** Deletes a subscription with its messages; its open streams end with NOT_FOUND. */
    public void deleteSubscription(String subscription) {
        ResourceNames.checkSubscription(subscription);
        SubscriptionState removed;
        synchronized (adminLock) {
            removed = subscriptions.remove(subscription);
            if (removed == null) {
                throw ApiErrors.subscriptionNotFound(subscription);
            }
            subscriptionNamesBySerial.remove(removed.serial());
            pushDeliveries.remove(subscription);
            TopicState topic = topics.get(removed.config().getTopic());
            if (topic != null) {
                topic.detach(removed);
            }
        }
        removed.delete(Status.NOT_FOUND.withDescription(
                "Subscription does not exist (resource=" + subscription + "): it was deleted"));
        LOG.info("Deleted subscription {}", subscription);
    }

    /** Sets the push endpoint; an empty push config turns the subscription back into a pull subscription. */
    public void modifyPushConfig(ModifyPushConfigRequest request) {
        synchronized (adminLock) {
            SubscriptionState subscription = requireSubscription(request.getSubscription());
            subscription.updateConfig(
                    SubscriptionSettings.withPushConfig(subscription.config(), request.getPushConfig()));
            reconcilePushDelivery(subscription);
        }
    }

    /**
     * Pulls messages. Answers at once with what is ready; when nothing is and {@code return_immediately} is false,
     * waits up to {@code maxWait} (at most {@link #MAX_PULL_WAIT}) for messages, then answers empty. Cancelling the
     * returned future abandons the wait.
     */
    public CompletableFuture<PullResponse> pull(PullRequest request, Duration maxWait) {
        SubscriptionState subscription = requireSubscription(request.getSubscription());
        if (request.getMaxMessages() <= 0) {
            throw ApiErrors.invalidArgument("No max_messages specified: set max_messages to a positive number"
                    + " (max_messages=" + request.getMaxMessages() + ")");
        }
        Duration wait = returnsImmediately(request) || maxWait.isNegative()
                ? Duration.ZERO
                : (maxWait.compareTo(MAX_PULL_WAIT) > 0 ? MAX_PULL_WAIT : maxWait);
        return PendingPull.start(subscription, request.getMaxMessages(), wait, runtime);
    }

    /** The field is deprecated in the API, but clients still send it and the real service still honours it. */
    @SuppressWarnings("deprecation")
    private static boolean returnsImmediately(PullRequest request) {
        return request.getReturnImmediately();
    }

    /** Acknowledges delivered messages; ack ids of ended leases are ignored, as the real service does. */
    public void acknowledge(AcknowledgeRequest request) {
        SubscriptionState subscription = requireSubscription(request.getSubscription());
        if (request.getAckIdsCount() == 0) {
            throw ApiErrors.invalidArgument("No ack ids specified.");
        }
        subscription.acknowledge(leaseSerials(subscription, request.getAckIdsList()));
    }

    /** Moves ack deadlines; 0 seconds nacks. Ack ids of ended leases are ignored, as the real service does. */
    public void modifyAckDeadline(ModifyAckDeadlineRequest request) {
        SubscriptionState subscription = requireSubscription(request.getSubscription());
        int seconds = checkAckDeadline(request.getAckDeadlineSeconds());
        if (request.getAckIdsCount() == 0) {
            throw ApiErrors.invalidArgument("No ack ids specified.");
        }
        subscription.modifyAckDeadline(leaseSerials(subscription, request.getAckIdsList()), seconds);
    }

    /** Opens a streaming pull from its first request; later requests go to the returned session. */
    StreamingPullSession openStreamingPull(
            StreamingPullRequest first, ServerCallStreamObserver<StreamingPullResponse> responses) {
        if (first.getSubscription().isEmpty()) {
            throw ApiErrors.invalidArgument("first message must set subscription");
        }
        if (first.getStreamAckDeadlineSeconds() == 0) {
            throw ApiErrors.invalidArgument("first message must set stream_ack_deadline_seconds");
        }
        checkStreamAckDeadline(first.getStreamAckDeadlineSeconds());
        SubscriptionState subscription = requireSubscription(first.getSubscription());
        var session = new StreamingPullSession(this, subscription, responses, first, deliveryExecutor);
        session.handle(first);
        if (!subscription.addConsumer(session)) {
            throw ApiErrors.subscriptionNotFound(first.getSubscription());
        }
        session.wake();
        LOG.debug("Opened a streaming pull of client {} on {}", first.getClientId(), first.getSubscription());
        return session;
    }

    // Introspection

    /** How many times faster than real time retry backoffs and push retry delays run. */
    public double timeScale() {
        return runtime.timeScale();
    }

    /** Backlog, leases and counters of a subscription (full resource name). */
    public SubscriptionStats subscriptionStats(String subscription) {
        return requireSubscription(subscription).stats();
    }

    /** The full names of every topic, sorted. */
    public List<String> topics() {
        return List.copyOf(topics.keySet());
    }

    /** The full names of every subscription, sorted. */
    public List<String> subscriptions() {
        return List.copyOf(subscriptions.keySet());
    }

    public void addListener(BrokerListener listener) {
        events.addListener(listener);
    }

    public void removeListener(BrokerListener listener) {
        events.removeListener(listener);
    }

    /** Ends every stream with UNAVAILABLE, drops every message and stops the broker's threads. */
    @Override
    public void close() {
        Status stopping = Status.UNAVAILABLE.withDescription("The embedded Pub/Sub server is shutting down");
        subscriptions.values().forEach(subscription -> subscription.delete(stopping));
        timer.shutdownNow();
        deliveryExecutor.shutdownNow();
        pushExecutor.shutdownNow();
        events.close();
    }

    // Shared with the streaming pull session

    /** The lease serials of ack ids; a malformed id or one of another live subscription is INVALID_ARGUMENT. */
    List<Long> leaseSerials(SubscriptionState subscription, List<String> ackIds) {
        List<Long> serials = new ArrayList<>(ackIds.size());
        for (String ackId : ackIds) {
            long[] parsed = AckIds.parse(ackId);
            if (parsed == null) {
                throw ApiErrors.invalidArgument("Invalid ack id (ack_id=" + ackId + ")");
            }
            if (parsed[0] == subscription.serial()) {
                serials.add(parsed[1]);
                continue;
            }
            String owner = subscriptionNamesBySerial.get(parsed[0]);
            if (owner != null) {
                throw ApiErrors.invalidArgument("Subscription " + subscription.name() + " received an invalid ack ID "
                        + ackId + ", meant for subscription: " + owner);
            }
        }
        return serials;
    }

    static int checkAckDeadline(int seconds) {
        if (seconds < 0) {
            throw ApiErrors.invalidArgument("Ack deadline cannot be negative (ack_deadline_seconds=" + seconds + ")");
        }
        if (seconds > SubscriptionSettings.MAX_ACK_DEADLINE_SECONDS) {
            throw ApiErrors.invalidArgument("The value for ack_deadline_seconds is out of bounds. You passed "
                    + seconds + " in the request, but the value must be between 0 and "
                    + SubscriptionSettings.MAX_ACK_DEADLINE_SECONDS + ".");
        }
        return seconds;
    }

    static int checkStreamAckDeadline(int seconds) {
        if (seconds < SubscriptionSettings.DEFAULT_ACK_DEADLINE_SECONDS
                || seconds > SubscriptionSettings.MAX_ACK_DEADLINE_SECONDS) {
            throw ApiErrors.invalidArgument(
                    "stream_ack_deadline_seconds must be between 10 and 600 seconds (stream_ack_deadline_seconds="
                            + seconds + ")");
        }
        return seconds;
    }

    private TopicState requireTopic(String topic) {
        ResourceNames.checkTopic(topic);
        TopicState state = topics.get(topic);
        if (state == null) {
            throw ApiErrors.topicNotFound(topic);
        }
        return state;
    }

    private SubscriptionState requireSubscription(String subscription) {
        ResourceNames.checkSubscription(subscription);
        SubscriptionState state = subscriptions.get(subscription);
        if (state == null) {
            throw ApiErrors.subscriptionNotFound(subscription);
        }
        return state;
    }

    private static AttributeFilter parseFilter(String filter) {
        try {
            return AttributeFilter.parse(filter);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidArgument(e.getMessage());
        }
    }

    private List<StoredMessage> stamp(String topic, List<PubsubMessage> messages) {
        Instant now = Instant.now();
        Timestamp publishTime = Timestamp.newBuilder()
                .setSeconds(now.getEpochSecond())
                .setNanos(now.getNano())
                .build();
        List<StoredMessage> stored = new ArrayList<>(messages.size());
        for (PubsubMessage message : messages) {
            stored.add(StoredMessage.of(
                    topic,
                    message.toBuilder()
                            .setMessageId(Long.toString(lastMessageId.incrementAndGet()))
                            .setPublishTime(publishTime)
                            .build()));
        }
        return stored;
    }

    private void distribute(TopicState topic, List<StoredMessage> messages) {
        for (StoredMessage message : messages) {
            events.emit(BrokerEvent.Kind.PUBLISHED, message, null, 0);
            LOG.debug("Published message {} to {}", message.id(), message.topic());
        }
        for (SubscriptionState subscription : topic.subscriptions()) {
            subscription.enqueue(messages);
        }
    }

    /** Starts or stops the push delivery of a subscription to match its push config. Called under the admin lock. */
    private void reconcilePushDelivery(SubscriptionState subscription) {
        boolean wantsPush = SubscriptionSettings.isPush(subscription.config());
        PushDelivery current = pushDeliveries.get(subscription.name());
        if (wantsPush && current == null) {
            var delivery = new PushDelivery(subscription, pushClient, deliveryExecutor);
            pushDeliveries.put(subscription.name(), delivery);
            subscription.addConsumer(delivery);
            delivery.wake();
        } else if (!wantsPush && current != null) {
            pushDeliveries.remove(subscription.name());
            subscription.removeConsumer(current);
            current.close(Status.OK);
        }
    }

    private void expireLeases() {
        long now = System.nanoTime();
        for (SubscriptionState subscription : subscriptions.values()) {
            try {
                subscription.expireLeases(now);
            } catch (RuntimeException e) {
                LOG.error("Expiring leases of {} failed; trying again at the next sweep", subscription.name(), e);
            }
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Dead letters are published like any message, stamped with a new id and publish time. */
    private final class DeadLetterRoute implements DeadLetterTopics {

        @Override
        public boolean exists(String topic) {
            return topics.containsKey(topic);
        }

        @Override
        public boolean publish(String topic, PubsubMessage message) {
            TopicState state = topics.get(topic);
            if (state == null) {
                return false;
            }
            distribute(state, stamp(topic, List.of(message)));
            return true;
        }
    }
}
