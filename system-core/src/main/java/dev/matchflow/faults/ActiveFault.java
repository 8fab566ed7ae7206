package dev.matchflow.faults;

import java.time.Instant;
import java.util.Objects;

/**
 * A fault that is on.
 *
 * @param fault what it does
 * @param since when it was switched on
 */
public record ActiveFault(Fault fault, Instant since) {

    public ActiveFault {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(since, "since");
    }
}
