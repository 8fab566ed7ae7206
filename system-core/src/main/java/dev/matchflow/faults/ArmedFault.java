package dev.matchflow.faults;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.Random;

/**
 * A fault that is on, as the injection points use it: whether it strikes this time, how long it holds things up,
 * and a count of the times it acted. Its random numbers come from the stack's fault seed, so the same faults
 * switched in the same order strike the same calls of a repeated run.
 */
final class ArmedFault {

    private final Fault fault;
    private final Random random;
    private final Counter injected;

    ArmedFault(Fault fault, Random random, Counter injected) {
        this.fault = fault;
        this.random = random;
        this.injected = injected;
    }

    Fault fault() {
        return fault;
    }

    FaultParameters parameters() {
        return fault.parameters();
    }

    /** True when the fault strikes this call, as often as its probability says; counted when it does. */
    boolean strikes() {
        boolean strikes = fault.parameters().probability() >= 1.0
                || random.nextDouble() < fault.parameters().probability();
        if (strikes) {
            injected.increment();
        }
        return strikes;
    }

    /** The latency for this call, within the jitter either way; counted. */
    Duration latency() {
        injected.increment();
        long jitter = fault.parameters().jitter().toNanos();
        long offset = jitter == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * jitter);
        return fault.parameters().latency().plusNanos(offset);
    }

    /** A random time from zero up to {@code window}; counted. */
    Duration within(Duration window) {
        injected.increment();
        return Duration.ofNanos((long) (random.nextDouble() * window.toNanos()));
    }

    /** Counts one act of a fault that always acts, such as a delay or duplicates. */
    void acted() {
        injected.increment();
    }

    /** Sleeps for the latency of this call. */
    void hold() throws InterruptedException {
        Thread.sleep(latency().toMillis());
    }
}
