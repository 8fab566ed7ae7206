package dev.matchflow.stack;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed of what flows through a stack. Publishing never blocks the system: events are numbered,
 * queued, and handed to observers on one dispatcher thread, in order. A late observer can read the most
 * recent events first. When observers fall so far behind that the queue is full, further events are
 * counted as dropped instead of slowing the services down.
 */
public final class FlowFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FlowFeed.class);
    private static final int QUEUE_CAPACITY = 100_000;

    private final BlockingQueue<FlowEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final List<Consumer<FlowEvent>> observers = new CopyOnWriteArrayList<>();
    private final ArrayDeque<FlowEvent> recent = new ArrayDeque<>();
    private final int recentCapacity;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Thread dispatcher;

    /** A feed that keeps the last {@code recentCapacity} events for late observers. */
    public FlowFeed(int recentCapacity) {
        this.recentCapacity = recentCapacity;
        this.dispatcher = new Thread(this::dispatch, "flow-feed");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Numbers the event and queues it for the observers; returns at once. */
    public void publish(FlowEvent event) {
        if (!open.get()) {
            return;
        }
        synchronized (sequence) {
            if (!queue.offer(event.withSequence(sequence.incrementAndGet()))) {
                sequence.decrementAndGet();
                countDropped();
            }
        }
    }

    /** Calls {@code observer} with every event published from now on, until the returned handle is closed. */
    public AutoCloseable subscribe(Consumer<FlowEvent> observer) {
        observers.add(observer);
        return () -> observers.remove(observer);
    }

    /** The most recent events already handed to observers, oldest first. */
    public List<FlowEvent> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    /** How many events were dropped because observers fell behind. */
    public long dropped() {
        return dropped.get();
    }

    /** Hands out what is queued, then stops the dispatcher. */
    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            dispatcher.interrupt();
            try {
                dispatcher.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void dispatch() {
        while (open.get() || !queue.isEmpty()) {
            try {
                deliver(queue.take());
            } catch (InterruptedException e) {
                drainRemaining();
                return;
            }
        }
    }

    private void drainRemaining() {
        FlowEvent event;
        while ((event = queue.poll()) != null) {
            deliver(event);
        }
    }

    private void deliver(FlowEvent event) {
        remember(event);
        for (Consumer<FlowEvent> observer : observers) {
            try {
                observer.accept(event);
            } catch (RuntimeException e) {
                log.warn(
                        "A flow observer failed on event {} ({}); the others still get it",
                        event.sequence(),
                        event.action(),
                        e);
            }
        }
    }

    private void remember(FlowEvent event) {
        synchronized (recent) {
            if (recent.size() == recentCapacity) {
                recent.removeFirst();
            }
            recent.addLast(event);
        }
    }

    private void countDropped() {
        if (dropped.incrementAndGet() == 1) {
            log.warn(
                    "Flow observers fell {} events behind; later events are dropped from the feed (not from the system)",
                    QUEUE_CAPACITY);
        }
    }
}
