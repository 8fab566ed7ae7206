package dev.matchflow.scenarios.run;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Percentiles of leave-to-cleanup latency, by nearest rank.
 *
 * @param count how many leaves were cleaned up
 */
public record LatencySummary(int count, Duration p50, Duration p90, Duration p99, Duration max) {

    /** The summary of {@code latencies}; empty when there are none. */
    public static Optional<LatencySummary> of(Collection<Duration> latencies) {
        if (latencies.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = latencies.stream().sorted().toList();
        return Optional.of(new LatencySummary(
                sorted.size(), at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted.get(sorted.size() - 1)));
    }

    /** The latency at or under which {@code quantile} of the leaves were cleaned up; 1 for the maximum. */
    public static Duration at(List<Duration> sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(rank, sorted.size() - 1)));
    }
}
