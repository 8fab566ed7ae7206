package dev.matchflow.console.metrics;

import dev.matchflow.console.OutboxHops;
import dev.matchflow.console.Percentiles;
import dev.matchflow.stack.Component;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.stack.StackSnapshot.CleanupRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the flow and the state of the system into one {@link MetricsSample} a second. Rates count the hops that
 * arrived since the last sample; the latency of a cleanup is the time from the leave (its event's {@code left_at})
 * to the moment Matches recorded the cleanup, both as the database stored them.
 */
public final class MetricsSampler {

    /** How far back the latency percentiles look. */
    public static final Duration LATENCY_WINDOW = Duration.ofSeconds(30);

    private final List<Latency> latencies = new ArrayList<>();
    private final Set<String> cleanupsSeen = new HashSet<>();
    private long second;
    private long published;
    private long invocations;
    private long errors;
    private long backlog;
    private long inFlight;

    /** Counts the hops of a batch. */
    public void record(List<FlowEvent> hops) {
        for (FlowEvent hop : hops) {
            if (hop.to() == Component.TOPIC
                    && hop.action().equals(OutboxHops.PUBLISHED)
                    && hop.outcome() == FlowOutcome.OK) {
                published++;
            }
            if (hop.from() == Component.TRIGGER && hop.to() == Component.FUNCTION) {
                invocations++;
                errors += hop.outcome() == FlowOutcome.OK ? 0 : 1;
            }
        }
    }

    /** Takes the backlog and the cleanups processed since the last state read. */
    public void record(StackSnapshot state) {
        state.pubsub().ifPresent(held -> {
            backlog = held.trigger().backlog();
            inFlight = held.trigger().inFlight();
        });
        for (CleanupRecord cleanup : state.cleanups()) {
            if (cleanup.leftAt().isPresent() && cleanupsSeen.add(cleanup.eventId())) {
                Duration took = Duration.between(cleanup.leftAt().get(), cleanup.processedAt());
                latencies.add(new Latency(cleanup.processedAt(), took));
            }
        }
    }

    /** The figures of the second that just ended; the rates start again from zero. */
    public MetricsSample sample(Instant now) {
        Instant oldest = now.minus(LATENCY_WINDOW);
        latencies.removeIf(latency -> latency.at().isBefore(oldest));
        long[] sorted = latencies.stream()
                .mapToLong(latency -> latency.took().toNanos())
                .toArray();
        Arrays.sort(sorted);
        MetricsSample sample = new MetricsSample(
                second++,
                published,
                backlog,
                inFlight,
                invocations,
                errors,
                Percentiles.of(sorted, 0.5, 1e6),
                Percentiles.of(sorted, 0.99, 1e6));
        published = 0;
        invocations = 0;
        errors = 0;
        return sample;
    }

    /** Starts again from nothing, as after a reset. */
    public void clear() {
        latencies.clear();
        cleanupsSeen.clear();
        second = 0;
        published = 0;
        invocations = 0;
        errors = 0;
        backlog = 0;
        inFlight = 0;
    }

    private record Latency(Instant at, Duration took) {}
}
