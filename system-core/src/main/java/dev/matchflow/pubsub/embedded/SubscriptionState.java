package dev.matchflow.pubsub.embedded;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;

import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import io.grpc.Status;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of one subscription and their deliveries: what is ready, what waits for a retry backoff or behind an
 * earlier message of its ordering key, and what is leased. Every change happens under one lock per subscription, never
 * held while talking to a consumer or another subscription; acks find their lease by serial in O(1).
 *
 * <p>Lease deadlines sit in an expiry queue that the broker sweeps every few milliseconds. A longer deadline only
 * moves the lease's deadline; the queue catches up when the old time comes, so the many deadline extensions of
 * clients cost no queue work.
 */
final class SubscriptionState {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionState.class);

    private final long serial;
    private final String name;
    private final AttributeFilter filter;
    private final DeliveryRuntime runtime;
    private final List<MessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private volatile Subscription config;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<QueuedMessage> ready = new ArrayDeque<>();
    private final Map<String, ArrayDeque<QueuedMessage>> heldByOrderingKey = new HashMap<>();
    private final Map<Long, Lease> leases = new HashMap<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>(Comparator.comparingLong(Expiry::atNanos));
    private long held;
    private long retrying;
    private long forwarding;
    private long lastLeaseSerial;
    private boolean deleted;

    private final LongAdder acked = new LongAdder();
    private final LongAdder nacked = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder deliveries = new LongAdder();

    SubscriptionState(long serial, Subscription config, AttributeFilter filter, DeliveryRuntime runtime) {
        this.serial = serial;
        this.name = config.getName();
        this.config = config;
        this.filter = filter;
        this.runtime = runtime;
    }

    long serial() {
        return serial;
    }

    String name() {
        return name;
    }

    Subscription config() {
        return config;
    }

    void updateConfig(Subscription updated) {
        config = updated;
    }

    /** Adds newly published messages; those the filter rejects are acknowledged at once and never delivered. */
    void enqueue(List<StoredMessage> messages) {
        List<QueuedMessage> accepted = acceptedByFilter(messages);
        if (accepted.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            if (deleted) {
                return;
            }
            accepted.forEach(this::admit);
        } finally {
            lock.unlock();
        }
        wakeConsumers();
    }

    /**
     * Leases ready messages to a consumer, within its flow control and a response size.
     *
     * @param ackDeadlineSeconds the lease duration; 0 for a lease that only its consumer ends (push)
     */
    List<Lease> lease(FlowQuota quota, int maxMessages, long maxBytes, int ackDeadlineSeconds) {
        lock.lock();
        try {
            if (deleted || ready.isEmpty()) {
                return List.of();
            }
            List<Lease> leased = new ArrayList<>();
            long bytes = 0;
            while (leased.size() < maxMessages && !ready.isEmpty()) {
                int size = ready.peekFirst().stored().size();
                if (!quota.admits(size) || (!leased.isEmpty() && bytes + size > maxBytes)) {
                    break;
                }
                leased.add(startLease(ready.pollFirst(), quota, ackDeadlineSeconds));
                bytes += size;
            }
            return leased;
        } finally {
            lock.unlock();
        }
    }

    /** Counts deliveries that reached their consumer and tells the listeners. */
    void recordDelivered(List<Lease> delivered) {
        deliveries.add(delivered.size());
        for (Lease lease : delivered) {
            emit(BrokerEvent.Kind.DELIVERED, lease);
            LOG.debug("Delivered message {} of {} (attempt {})", lease.stored().id(), name, lease.attempt());
        }
    }

    /** Takes back leases that never reached their consumer (its stream closed first), as if never delivered. */
    void returnUndelivered(List<Lease> undelivered) {
        lock.lock();
        try {
            for (int i = undelivered.size() - 1; i >= 0; i--) {
                Lease lease = undelivered.get(i);
                if (leases.remove(lease.serial()) == lease) {
                    finish(lease);
                    lease.message().uncountDelivery();
                    ready.addFirst(lease.message());
                }
            }
        } finally {
            lock.unlock();
        }
        wakeConsumers();
    }

    ReceivedMessage toReceivedMessage(Lease lease) {
        var received = ReceivedMessage.newBuilder()
                .setAckId(lease.ackId())
                .setMessage(lease.stored().message());
        if (config.hasDeadLetterPolicy()) {
            received.setDeliveryAttempt(lease.attempt());
        }
        return received.build();
    }

    void acknowledge(List<Long> leaseSerials) {
        List<Lease> done = new ArrayList<>(leaseSerials.size());
        lock.lock();
        try {
            for (Long leaseSerial : leaseSerials) {
                Lease lease = leases.remove(leaseSerial);
                if (lease != null) {
                    finish(lease);
                    releaseOrderingKey(lease.message());
                    done.add(lease);
                }
            }
        } finally {
            lock.unlock();
        }
        acked.add(done.size());
        done.forEach(lease -> emit(BrokerEvent.Kind.ACKED, lease));
        if (!done.isEmpty()) {
            wakeConsumers();
        }
    }

    /** Moves the deadlines of leases; 0 seconds is a nack. Unknown or ended leases are ignored. */
    void modifyAckDeadline(List<Long> leaseSerials, int seconds) {
        if (seconds == 0) {
            nack(leaseSerials);
            return;
        }
        long deadline = System.nanoTime() + SECONDS.toNanos(seconds);
        lock.lock();
        try {
            for (Long leaseSerial : leaseSerials) {
                Lease lease = leases.get(leaseSerial);
                if (lease != null) {
                    moveDeadline(lease, deadline);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    void nack(List<Long> leaseSerials) {
        List<Lease> failed = new ArrayList<>(leaseSerials.size());
        List<QueuedMessage> exhausted = new ArrayList<>();
        lock.lock();
        try {
            for (Long leaseSerial : leaseSerials) {
                Lease lease = leases.remove(leaseSerial);
                if (lease != null) {
                    failed.add(lease);
                    settleFailure(lease, exhausted);
                }
            }
        } finally {
            lock.unlock();
        }
        afterFailures(failed, BrokerEvent.Kind.NACKED, nacked, exhausted);
    }

    /** Registers a consumer to wake when messages become ready; {@code false} once the subscription is deleted. */
    boolean addConsumer(MessageConsumer consumer) {
        lock.lock();
        try {
            if (deleted) {
                return false;
            }
            consumers.add(consumer);
            return true;
        } finally {
            lock.unlock();
        }
    }

    void removeConsumer(MessageConsumer consumer) {
        consumers.remove(consumer);
    }

    /** Drops every message and lease and ends every consumer with the given status. */
    void delete(Status status) {
        lock.lock();
        try {
            deleted = true;
            leases.clear();
            expiries.clear();
            ready.clear();
            heldByOrderingKey.clear();
            held = 0;
            retrying = 0;
            forwarding = 0;
        } finally {
            lock.unlock();
        }
        consumers.forEach(consumer -> consumer.close(status));
        consumers.clear();
    }

    SubscriptionStats stats() {
        lock.lock();
        try {
            return new SubscriptionStats(
                    ready.size() + held + retrying + forwarding,
                    leases.size(),
                    deadLettered.sum(),
                    acked.sum(),
                    nacked.sum(),
                    expired.sum(),
                    deliveries.sum());
        } finally {
            lock.unlock();
        }
    }

    private List<QueuedMessage> acceptedByFilter(List<StoredMessage> messages) {
        List<QueuedMessage> accepted = new ArrayList<>(messages.size());
        for (StoredMessage message : messages) {
            if (filter.matches(message.message().getAttributesMap())) {
                accepted.add(new QueuedMessage(message));
            } else {
                LOG.debug(
                        "Message {} does not match the filter of {}; acknowledged without delivery",
                        message.id(),
                        name);
            }
        }
        return accepted;
    }

    private void admit(QueuedMessage message) {
        if (!isOrdered(message)) {
            ready.addLast(message);
            return;
        }
        ArrayDeque<QueuedMessage> waiting = heldByOrderingKey.get(message.orderingKey());
        if (waiting != null) {
            waiting.addLast(message);
            held++;
            return;
        }
        heldByOrderingKey.put(message.orderingKey(), new ArrayDeque<>());
        ready.addLast(message);
    }

    /** Lets the next message of an ordering key go once the previous one is done (acked or dead-lettered). */
    private void releaseOrderingKey(QueuedMessage message) {
        if (!isOrdered(message)) {
            return;
        }
        ArrayDeque<QueuedMessage> waiting = heldByOrderingKey.get(message.orderingKey());
        QueuedMessage next = waiting == null ? null : waiting.pollFirst();
        if (next == null) {
            heldByOrderingKey.remove(message.orderingKey());
            return;
        }
        held--;
        ready.addLast(next);
    }

    private boolean isOrdered(QueuedMessage message) {
        return config.getEnableMessageOrdering() && !message.orderingKey().isEmpty();
    }

    private Lease startLease(QueuedMessage message, FlowQuota quota, int ackDeadlineSeconds) {
        message.countDelivery();
        long leaseSerial = ++lastLeaseSerial;
        long deadline =
                ackDeadlineSeconds > 0 ? System.nanoTime() + SECONDS.toNanos(ackDeadlineSeconds) : Lease.NO_DEADLINE;
        Lease lease = new Lease(leaseSerial, AckIds.format(serial, leaseSerial), message, quota, deadline);
        leases.put(leaseSerial, lease);
        quota.take(message.stored().size());
        if (deadline != Lease.NO_DEADLINE) {
            expiries.add(new Expiry(deadline, lease));
        }
        return lease;
    }

    private void moveDeadline(Lease lease, long deadline) {
        lease.moveDeadline(deadline);
        if (deadline < lease.checkAtNanos()) {
            lease.checkAt(deadline);
            expiries.add(new Expiry(deadline, lease));
        }
    }

    /** Ends the leases whose deadline has passed; called by the broker's sweep. */
    void expireLeases(long nowNanos) {
        List<Lease> ended = new ArrayList<>();
        List<QueuedMessage> exhausted = new ArrayList<>();
        lock.lock();
        try {
            while (!expiries.isEmpty() && expiries.peek().atNanos() <= nowNanos) {
                Lease lease = expiries.poll().lease();
                if (isCurrentCheck(lease, nowNanos) && !postpone(lease, nowNanos)) {
                    leases.remove(lease.serial());
                    ended.add(lease);
                    settleFailure(lease, exhausted);
                }
            }
            dropStaleExpiries();
        } finally {
            lock.unlock();
        }
        if (!ended.isEmpty()) {
            afterFailures(ended, BrokerEvent.Kind.EXPIRED, expired, exhausted);
        }
    }

    /** Whether the lease is alive and this is its current queue entry (older ones are left behind by modacks). */
    private boolean isCurrentCheck(Lease lease, long nowNanos) {
        return leases.get(lease.serial()) == lease && lease.checkAtNanos() <= nowNanos;
    }

    /** Queues the lease again for its later deadline, if a modack moved it. */
    private boolean postpone(Lease lease, long nowNanos) {
        if (lease.deadlineNanos() <= nowNanos) {
            return false;
        }
        lease.checkAt(lease.deadlineNanos());
        expiries.add(new Expiry(lease.deadlineNanos(), lease));
        return true;
    }

    /** Entries of ended leases stay queued until their time; rebuild the queue when they outnumber the live ones. */
    private void dropStaleExpiries() {
        if (expiries.size() <= 2 * leases.size() + 1_024) {
            return;
        }
        expiries.clear();
        for (Lease lease : leases.values()) {
            if (lease.checkAtNanos() != Lease.NO_DEADLINE) {
                expiries.add(new Expiry(lease.checkAtNanos(), lease));
            }
        }
    }

    /** After a nack or an expiry: dead-letter the message if it has no attempts left, else retry it. */
    private void settleFailure(Lease lease, List<QueuedMessage> exhausted) {
        finish(lease);
        QueuedMessage message = lease.message();
        if (hasNoAttemptsLeft(message)) {
            releaseOrderingKey(message);
            forwarding++;
            exhausted.add(message);
            return;
        }
        long delay = RetryBackoff.delayNanos(config, message.deliveryAttempts(), runtime.timeScale());
        if (delay <= 0) {
            ready.addFirst(message);
            return;
        }
        retrying++;
        runtime.timer().schedule(() -> endBackoff(message), delay, NANOSECONDS);
    }

    private boolean hasNoAttemptsLeft(QueuedMessage message) {
        Subscription current = config;
        return current.hasDeadLetterPolicy()
                && message.deliveryAttempts() >= current.getDeadLetterPolicy().getMaxDeliveryAttempts()
                && runtime.deadLetters().exists(current.getDeadLetterPolicy().getDeadLetterTopic());
    }

    private void endBackoff(QueuedMessage message) {
        lock.lock();
        try {
            if (deleted) {
                return;
            }
            retrying--;
            ready.addFirst(message);
        } finally {
            lock.unlock();
        }
        wakeConsumers();
    }

    private void afterFailures(
            List<Lease> failed, BrokerEvent.Kind kind, LongAdder counter, List<QueuedMessage> exhausted) {
        counter.add(failed.size());
        failed.forEach(lease -> emit(kind, lease));
        exhausted.forEach(this::forwardToDeadLetterTopic);
        if (!failed.isEmpty()) {
            wakeConsumers();
        }
    }

    /**
     * The message counts in the backlog until it is in the dead-letter topic, as Pub/Sub counts it unacknowledged until
     * it is forwarded, so that no reader of the stats ever sees it in neither subscription.
     */
    private void forwardToDeadLetterTopic(QueuedMessage message) {
        String topic = config.getDeadLetterPolicy().getDeadLetterTopic();
        String messageId = message.stored().id();
        if (!runtime.deadLetters().publish(topic, DeadLetters.messageFor(message, name))) {
            LOG.warn(
                    "Dead-letter topic {} of {} disappeared; message {} stays in the subscription",
                    topic,
                    name,
                    messageId);
            readmit(message);
            return;
        }
        forwarded();
        deadLettered.increment();
        runtime.events().emit(BrokerEvent.Kind.DEAD_LETTERED, message.stored(), name, message.deliveryAttempts());
        LOG.info(
                "Dead-lettered message {} of {} to {} after {} delivery attempts",
                messageId,
                name,
                topic,
                message.deliveryAttempts());
    }

    private void forwarded() {
        lock.lock();
        try {
            if (!deleted) {
                forwarding--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** A dead letter that could not be forwarded goes back to the backlog in the same step that ends its forwarding. */
    private void readmit(QueuedMessage message) {
        lock.lock();
        try {
            if (!deleted) {
                forwarding--;
                admit(message);
            }
        } finally {
            lock.unlock();
        }
    }

    private void finish(Lease lease) {
        lease.quota().give(lease.stored().size());
    }

    private void emit(BrokerEvent.Kind kind, Lease lease) {
        runtime.events().emit(kind, lease.stored(), name, lease.attempt());
    }

    private void wakeConsumers() {
        for (MessageConsumer consumer : consumers) {
            consumer.wake();
        }
    }

    /** A lease to look at when its time comes. */
    private record Expiry(long atNanos, Lease lease) {}
}
