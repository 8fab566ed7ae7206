package dev.matchflow.scenarios.language;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Random churn: users join, leave, rejoin, are matched and decide, in proportions the file gives, drawn with the
 * scenario's seed. It runs for a number of operations or for a duration.
 *
 * @param users the users who churn
 * @param pools the pools they join
 * @param operations how many operations, when the churn is counted
 * @param duration how long it runs, when it is timed
 * @param rate operations started per second; empty for as fast as {@code concurrency} allows
 * @param concurrency the most operations under way at once
 * @param mix the probability of each kind of operation; they add up to 1
 * @param faults faults switched on and off while it runs
 */
public record ChurnSpec(
        List<String> users,
        List<String> pools,
        Optional<Integer> operations,
        Optional<Duration> duration,
        OptionalDouble rate,
        int concurrency,
        Map<Operation, Double> mix,
        List<FaultWindow> faults) {

    public ChurnSpec {
        users = List.copyOf(users);
        pools = List.copyOf(pools);
        mix = Map.copyOf(mix);
        faults = List.copyOf(faults);
    }

    /** The kinds of churn operation. */
    public enum Operation {
        /** A user in no pool joins one. */
        JOIN,
        /** A user in a pool leaves it. */
        LEAVE,
        /** A user who left a pool joins it again. */
        REJOIN,
        /** Two members of a pool are offered a match. */
        MATCH,
        /** A user accepts a waiting match of theirs. */
        ACCEPT,
        /** A user rejects a waiting match of theirs. */
        REJECT;

        /** Its name in scenario files, for example {@code rejoin}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A fault switched on at {@code at} after the churn starts and off {@code lasting} later, again every
     * {@code every} if given.
     *
     * @param fault the fault, as a fault step names it
     */
    public record FaultWindow(String fault, Duration at, Duration lasting, Optional<Duration> every) {}

    /** A few words about it, for progress lines and reports. */
    public String summary() {
        String amount = operations
                .map(count -> String.format(java.util.Locale.ROOT, "%,d operations", count))
                .orElseGet(() -> "for " + Names.duration(duration.orElseThrow()));
        String pace = rate.isPresent()
                ? String.format(java.util.Locale.ROOT, " at %,.0f/s", rate.getAsDouble())
                : " flat out";
        return "churn " + amount + pace + " by " + Names.summary(users) + " over " + Names.summary(pools)
                + (faults.isEmpty() ? "" : " with " + faults.size() + " faults switching");
    }
}
