package dev.matchflow.console;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The latest value of something that changes on another thread (a snapshot of the stack), handed to the screens on
 * the FX thread once per drain. Values that came and went between two drains are skipped: only the newest counts.
 *
 * @param <T> the value
 */
public final class UiLatest<T> {

    private final AtomicReference<T> latest = new AtomicReference<>();
    private final List<Consumer<T>> sinks = new CopyOnWriteArrayList<>();
    private volatile T current;

    /** Sets the value the next drain hands out; any thread. */
    public void set(T value) {
        latest.set(value);
    }

    /** Hands every new value to {@code sink}, on the FX thread. */
    public void subscribe(Consumer<T> sink) {
        sinks.add(sink);
    }

    /** The value handed out last, or null before the first. */
    public T current() {
        return current;
    }

    /** Forgets the value, as after a reset. */
    public void clear() {
        latest.set(null);
        current = null;
    }

    void drain() {
        T value = latest.getAndSet(null);
        if (value != null) {
            current = value;
            sinks.forEach(sink -> sink.accept(value));
        }
    }
}
