package dev.matchflow.usermatch;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long an event waits before its next publish attempt: doubling from {@code initial} with each failure up
 * to {@code max}, then drawn at random from the upper half of that span, so that events which failed
 * together do not all come back at the same moment.
 *
 * @param initial the span after the first failure
 * @param max the longest span
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff " + initial + " must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is shorter than the initial " + initial);
        }
    }

    /** The wait after the given number of failed attempts (1 for the first failure). */
    public Duration delayAfter(int failures, RandomGenerator random) {
        Duration span = span(failures);
        long half = span.toMillis() / 2;
        return Duration.ofMillis(span.toMillis() - half + random.nextLong(half + 1));
    }

    /** The span the wait is drawn from: {@code initial * 2^(failures-1)}, at most {@code max}. */
    Duration span(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures " + failures + " must be at least 1");
        }
        Duration span = initial;
        for (int doubling = 1; doubling < failures && span.compareTo(max) < 0; doubling++) {
            span = span.multipliedBy(2);
        }
        return span.compareTo(max) > 0 ? max : span;
    }
}
