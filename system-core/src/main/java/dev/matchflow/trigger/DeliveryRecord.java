package dev.matchflow.trigger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The latest deliveries of a trigger, oldest first, for whoever watches the trigger from outside its process: the
 * trigger on its own serves them on {@code GET /deliveries}, so that a stack run in containers can tell which
 * messages ended. It keeps at most a fixed number; older ones are forgotten.
 */
public final class DeliveryRecord implements DeliveryListener {

    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();

    /** A record of at most {@code capacity} deliveries. */
    public DeliveryRecord(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void delivered(Delivery delivery) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(delivery.messageId(), delivery.attempt(), delivery.outcome()));
    }

    /** The deliveries kept, oldest first. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * One delivery as {@code GET /deliveries} shows it.
     *
     * @param messageId the Pub/Sub message id
     * @param attempt Pub/Sub's delivery attempt, counting from 1
     * @param outcome whether the trigger acknowledged the message or handed it back
     */
    public record Entry(String messageId, int attempt, Delivery.Outcome outcome) {

        /** The delivery this entry stands for, without the details the record does not keep. */
        public Delivery toDelivery() {
            return new Delivery(messageId, attempt, outcome, OptionalInt.empty(), Duration.ZERO, Optional.empty());
        }
    }

    /**
     * What {@code GET /deliveries} answers.
     *
     * @param inFlight the trigger's deliveries under way
     * @param deliveries the latest deliveries, oldest first
     */
    public record Status(int inFlight, List<Entry> deliveries) {}
}
