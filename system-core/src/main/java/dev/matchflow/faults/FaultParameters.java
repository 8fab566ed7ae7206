package dev.matchflow.faults;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The settings of one fault. A kind reads only its own parameters ({@link FaultKind#parameters()}); the others keep
 * their unset values ({@link #UNSET}).
 *
 * @param probability how likely the fault strikes, in (0, 1]
 * @param latency the time a slow component adds
 * @param jitter the most the latency varies either way
 * @param status the status an HTTP service answers with, when it answers
 * @param reset true when a failing HTTP service drops the connection instead of answering
 * @param delay how late every message reaches the trigger
 * @param copies how many times every message is delivered
 * @param window the window within which messages of different users are shuffled
 */
public record FaultParameters(
        double probability,
        Duration latency,
        Duration jitter,
        OptionalInt status,
        boolean reset,
        Duration delay,
        int copies,
        Duration window) {

    /** Every parameter unset: probability 1, no durations, no status, no copies. */
    public static final FaultParameters UNSET = new FaultParameters(
            1.0, Duration.ZERO, Duration.ZERO, OptionalInt.empty(), false, Duration.ZERO, 0, Duration.ZERO);

    public FaultParameters {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(window, "window");
    }

    public FaultParameters withProbability(double newProbability) {
        return new FaultParameters(newProbability, latency, jitter, status, reset, delay, copies, window);
    }

    public FaultParameters withLatency(Duration newLatency) {
        return new FaultParameters(probability, newLatency, jitter, status, reset, delay, copies, window);
    }

    public FaultParameters withJitter(Duration newJitter) {
        return new FaultParameters(probability, latency, newJitter, status, reset, delay, copies, window);
    }

    public FaultParameters withStatus(int newStatus) {
        return new FaultParameters(
                probability, latency, jitter, OptionalInt.of(newStatus), reset, delay, copies, window);
    }

    public FaultParameters withReset(boolean newReset) {
        return new FaultParameters(probability, latency, jitter, status, newReset, delay, copies, window);
    }

    public FaultParameters withDelay(Duration newDelay) {
        return new FaultParameters(probability, latency, jitter, status, reset, newDelay, copies, window);
    }

    public FaultParameters withCopies(int newCopies) {
        return new FaultParameters(probability, latency, jitter, status, reset, delay, newCopies, window);
    }

    public FaultParameters withWindow(Duration newWindow) {
        return new FaultParameters(probability, latency, jitter, status, reset, delay, copies, newWindow);
    }

    /** True when {@code parameter} has its unset value. */
    boolean isUnset(FaultParameter parameter) {
        return switch (parameter) {
            case PROBABILITY -> probability == UNSET.probability;
            case LATENCY -> latency.isZero();
            case JITTER -> jitter.isZero();
            case STATUS -> status.isEmpty();
            case RESET -> !reset;
            case DELAY -> delay.isZero();
            case COPIES -> copies == UNSET.copies;
            case WINDOW -> window.isZero();
        };
    }
}
