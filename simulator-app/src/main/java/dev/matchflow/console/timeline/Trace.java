package dev.matchflow.console.timeline;

import dev.matchflow.stack.FlowEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The hops that belong together: one leave, its event in the outbox, the message, every delivery attempt, the
 * function and the cleanup, in the order they happened.
 */
public record Trace(List<FlowEvent> hops) {

    public Trace {
        hops = List.copyOf(hops);
    }

    /** When the first hop started. */
    public Instant start() {
        return hops.isEmpty() ? Instant.EPOCH : hops.get(0).at();
    }

    /** How long after the first hop this one started. */
    public Duration offsetOf(FlowEvent hop) {
        return Duration.between(start(), hop.at());
    }

    /** From the start of the first hop to the end of the last one to end. */
    public Duration span() {
        Instant end = hops.stream()
                .map(hop -> hop.at().plus(hop.duration()))
                .max(Instant::compareTo)
                .orElse(start());
        return Duration.between(start(), end);
    }
}
