package dev.matchflow.scenarios.run;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pause, step, speed and stop for a running scenario; every method may be called from any thread, for example the
 * console's.
 *
 * <p>The runner keeps a scenario clock that runs {@link #speed()} times as fast as real time and stands still while
 * paused. Waits, churn rates, churn durations and fault windows are measured on it; what the stack does is not (its
 * own time scale is a stack setting).
 *
 * <ul>
 *   <li>{@link #pause()}: no new step starts, waits and churns stand still; requests already sent finish.
 *   <li>{@link #step()}: while paused, runs the current step to its end (or, between steps, the next one), then
 *       pauses again.
 *   <li>{@link #resume()}: runs on.
 *   <li>{@link #setSpeed(double)}: 2 makes waits half as long and churns twice as fast, from now on.
 *   <li>{@link #stop()}: the steps left are skipped; the runner still checks what it can and reports.
 * </ul>
 */
public final class RunControl {

    private static final long MOST_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean paused;
    private boolean pauseAtNextStep;
    private boolean stopped;
    private double speed = 1.0;
    private long scenarioNanos;
    private long realNanosAtLastChange = System.nanoTime();

    public void pause() {
        change(() -> paused = true);
    }

    public void resume() {
        change(() -> {
            paused = false;
            pauseAtNextStep = false;
        });
    }

    /** While paused: runs to the end of the current step, or through the next one, then pauses again. */
    public void step() {
        change(() -> {
            if (paused) {
                paused = false;
                pauseAtNextStep = true;
            }
        });
    }

    /**
     * Sets how fast the scenario clock runs.
     *
     * @throws IllegalArgumentException unless {@code newSpeed} is a positive finite number
     */
    public void setSpeed(double newSpeed) {
        if (!(newSpeed > 0) || Double.isInfinite(newSpeed)) {
            throw new IllegalArgumentException("speed " + newSpeed + " must be a positive number, 1 for real time");
        }
        change(() -> speed = newSpeed);
    }

    /** Skips the steps left; waits and churns under way end at once. */
    public void stop() {
        change(() -> stopped = true);
    }

    public double speed() {
        lock.lock();
        try {
            return speed;
        } finally {
            lock.unlock();
        }
    }

    public boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    public boolean isStopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    /** The scenario clock: how much scenario time has passed since the control was made. */
    public Duration elapsed() {
        lock.lock();
        try {
            return Duration.ofNanos(scenarioNanosNow());
        } finally {
            lock.unlock();
        }
    }

    /** Called by the runner before each step: pauses here after a {@link #step()}, and waits while paused. */
    void awaitStepTurn() throws InterruptedException {
        throwIfInterrupted();
        lock.lock();
        try {
            if (pauseAtNextStep) {
                advanceClock();
                paused = true;
                pauseAtNextStep = false;
            }
            while (paused && !stopped) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits while paused; returns how long it waited, in real nanoseconds. */
    long awaitRunning() throws InterruptedException {
        throwIfInterrupted();
        long start = System.nanoTime();
        lock.lock();
        try {
            while (paused && !stopped) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
        return System.nanoTime() - start;
    }

    /** Waits until the scenario clock reads {@code target}, or the run is stopped. */
    void awaitScenarioTime(Duration target) throws InterruptedException {
        long targetNanos = target.toNanos();
        lock.lock();
        try {
            while (!stopped) {
                long remaining = targetNanos - scenarioNanosNow();
                if (remaining <= 0) {
                    return;
                }
                if (paused) {
                    changed.await();
                } else {
                    changed.awaitNanos(Math.min(MOST_WAIT_NANOS, Math.max(1, (long) (remaining / speed))));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Lets {@code duration} of scenario time pass. */
    void sleep(Duration duration) throws InterruptedException {
        awaitScenarioTime(elapsed().plus(duration));
    }

    /** An interrupt that arrived while the runner was busy (say, in a request) ends the run at the next wait. */
    private static void throwIfInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("the run was interrupted");
        }
    }

    private void change(Runnable update) {
        lock.lock();
        try {
            advanceClock();
            update.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Folds the real time since the last change into the scenario clock, at the speed that held meanwhile. */
    private void advanceClock() {
        scenarioNanos = scenarioNanosNow();
        realNanosAtLastChange = System.nanoTime();
    }

    private long scenarioNanosNow() {
        if (paused) {
            return scenarioNanos;
        }
        return scenarioNanos + (long) ((System.nanoTime() - realNanosAtLastChange) * speed);
    }
}
