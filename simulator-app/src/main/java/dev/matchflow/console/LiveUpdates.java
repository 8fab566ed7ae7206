package dev.matchflow.console;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * The console's one beat: ten times a second, on the FX thread, every batch and latest value hands what arrived
 * since the last beat to the screens. Nothing the stack does ever runs on the FX thread or waits for it; the
 * screens see the system in batches.
 */
public final class LiveUpdates {

    /** How often the screens are brought up to date. */
    public static final Duration BEAT = Duration.millis(100);

    private final List<UiBatch<?>> batches = new CopyOnWriteArrayList<>();
    private final List<UiLatest<?>> latest = new CopyOnWriteArrayList<>();
    private final Timeline beat = new Timeline(new KeyFrame(BEAT, tick -> drain()));

    public LiveUpdates() {
        beat.setCycleCount(Animation.INDEFINITE);
    }

    /** A batch drained on every beat, at most {@code maxPerBeat} items each time. */
    public <T> UiBatch<T> newBatch(int maxPerBeat) {
        UiBatch<T> batch = new UiBatch<>(maxPerBeat);
        batches.add(batch);
        return batch;
    }

    /** A latest value handed out on the beat after it changed. */
    public <T> UiLatest<T> newLatest() {
        UiLatest<T> value = new UiLatest<>();
        latest.add(value);
        return value;
    }

    /** Starts beating; call on the FX thread. */
    public void start() {
        beat.play();
    }

    public void stop() {
        beat.stop();
    }

    /** Hands out everything that waits now; the beat calls it, and tests may too. */
    public void drain() {
        latest.forEach(UiLatest::drain);
        batches.forEach(UiBatch::drain);
    }

    /** Forgets everything that waits, as after a reset. */
    public void clear() {
        latest.forEach(UiLatest::clear);
        batches.forEach(UiBatch::clear);
    }
}
