package dev.matchflow.pubsub.embedded;

/**
 * The flow control of one consumer: how many messages and bytes it may hold leased at once. A limit of 0 means no
 * limit. Guarded by the lock of the subscription the consumer reads from.
 */
final class FlowQuota {

    private final long maxMessages;
    private final long maxBytes;
    private long messages;
    private long bytes;

    FlowQuota(long maxMessages, long maxBytes) {
        this.maxMessages = Math.max(0, maxMessages);
        this.maxBytes = Math.max(0, maxBytes);
    }

    static FlowQuota unlimited() {
        return new FlowQuota(0, 0);
    }

    /** Whether a message of this size may be leased now; a consumer holding nothing always gets one message. */
    boolean admits(int size) {
        if (messages == 0) {
            return true;
        }
        boolean countFits = maxMessages == 0 || messages < maxMessages;
        boolean bytesFit = maxBytes == 0 || bytes + size <= maxBytes;
        return countFits && bytesFit;
    }

    void take(int size) {
        messages++;
        bytes += size;
    }

    void give(int size) {
        messages--;
        bytes -= size;
    }
}
