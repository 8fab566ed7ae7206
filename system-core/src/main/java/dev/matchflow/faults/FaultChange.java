package dev.matchflow.faults;

import java.time.Instant;
import java.util.Objects;

/**
 * A fault switched on or off.
 *
 * @param fault the fault
 * @param on true when it was switched on (or replaced one of its kind on the same component), false when off
 * @param at when
 */
public record FaultChange(Fault fault, boolean on, Instant at) {

    public FaultChange {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(at, "at");
    }

    /** {@code fault on: matches slow 200ms}, {@code fault off: pubsub down}. */
    public String describe() {
        return (on ? "fault on: " : "fault off: ") + fault.describe();
    }
}
