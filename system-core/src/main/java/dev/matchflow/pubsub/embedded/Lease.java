package dev.matchflow.pubsub.embedded;

/**
 * One delivery of a message: the message is leased to a consumer under an ack id until it is acked, nacked or its
 * deadline passes. The mutable fields are guarded by the subscription's lock.
 */
final class Lease {

    /** The deadline of a lease that only its consumer ends (a push waits for the HTTP answer instead). */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private final long serial;
    private final String ackId;
    private final QueuedMessage message;
    private final int attempt;
    private final FlowQuota quota;
    private long deadlineNanos;
    private long checkAtNanos;

    Lease(long serial, String ackId, QueuedMessage message, FlowQuota quota, long deadlineNanos) {
        this.serial = serial;
        this.ackId = ackId;
        this.message = message;
        this.attempt = message.deliveryAttempts();
        this.quota = quota;
        this.deadlineNanos = deadlineNanos;
        this.checkAtNanos = deadlineNanos;
    }

    long serial() {
        return serial;
    }

    String ackId() {
        return ackId;
    }

    QueuedMessage message() {
        return message;
    }

    StoredMessage stored() {
        return message.stored();
    }

    /** The delivery attempt this lease is (1 for the first delivery). */
    int attempt() {
        return attempt;
    }

    FlowQuota quota() {
        return quota;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    void moveDeadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** When the expiry queue looks at this lease next; entries queued for other times are stale. */
    long checkAtNanos() {
        return checkAtNanos;
    }

    void checkAt(long nanos) {
        this.checkAtNanos = nanos;
    }
}
