package dev.matchflow.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Items that arrive on any thread, handed to the screens on the FX thread in batches. Offering never blocks; each
 * drain hands out at most {@code maxPerDrain} items, so a flood spreads over several pulses instead of freezing one.
 *
 * @param <T> what is batched
 */
public final class UiBatch<T> {

    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final List<Consumer<List<T>>> sinks = new CopyOnWriteArrayList<>();
    private final int maxPerDrain;

    public UiBatch(int maxPerDrain) {
        this.maxPerDrain = maxPerDrain;
    }

    /** Queues an item for the next drain; any thread. */
    public void offer(T item) {
        queue.add(item);
        queued.incrementAndGet();
    }

    /** Hands every drained batch to {@code sink}, on the FX thread. */
    public void subscribe(Consumer<List<T>> sink) {
        sinks.add(sink);
    }

    /** How many items wait for a drain. */
    public int waiting() {
        return queued.get();
    }

    /** Forgets what waits, as after a reset. */
    public void clear() {
        while (queue.poll() != null) {
            queued.decrementAndGet();
        }
    }

    /** Hands what waits (up to the limit) to the sinks; called on the FX thread. */
    void drain() {
        List<T> batch = new ArrayList<>(Math.min(queued.get(), maxPerDrain));
        T item;
        while (batch.size() < maxPerDrain && (item = queue.poll()) != null) {
            queued.decrementAndGet();
            batch.add(item);
        }
        if (batch.isEmpty()) {
            return;
        }
        List<T> readOnly = List.copyOf(batch);
        sinks.forEach(sink -> sink.accept(readOnly));
    }
}
