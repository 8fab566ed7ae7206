package dev.matchflow.pubsub.embedded;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands broker events to the listeners on one thread of its own, so that listeners never slow a request. */
final class EventDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    /** Events kept for slow listeners before new ones are dropped, so a stuck listener cannot exhaust memory. */
    private static final int CAPACITY = 500_000;

    private final List<BrokerListener> listeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<BrokerEvent> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;

    EventDispatcher() {
        thread = new Thread(this::run, "pubsub-events");
        thread.setDaemon(true);
        thread.start();
    }

    void addListener(BrokerListener listener) {
        listeners.add(listener);
    }

    void removeListener(BrokerListener listener) {
        listeners.remove(listener);
    }

    /** Queues an event about a message of a subscription ({@code null} for a publish), if anyone listens. */
    void emit(BrokerEvent.Kind kind, StoredMessage message, String subscription, int deliveryAttempt) {
        if (listeners.isEmpty()) {
            return;
        }
        var event = new BrokerEvent(
                kind,
                message.topic(),
                subscription,
                message.id(),
                message.message().getOrderingKey(),
                message.message().getAttributesMap(),
                deliveryAttempt,
                Instant.now());
        if (!queue.offer(event) && dropped.getAndIncrement() == 0) {
            LOG.warn("Listeners are {} events behind; dropping events until they catch up", CAPACITY);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                deliver(queue.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(BrokerEvent event) {
        long missed = dropped.getAndSet(0);
        if (missed > 0) {
            LOG.warn("{} broker events were dropped because listeners were too slow", missed);
        }
        for (BrokerListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("Broker listener {} failed on {} of message {}", listener, event.kind(), event.messageId(), e);
            }
        }
    }
}
