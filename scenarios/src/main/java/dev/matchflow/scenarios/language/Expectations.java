package dev.matchflow.scenarios.language;

import dev.matchflow.invariants.Invariant;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What must hold: invariants, counts, the state of named matches, and bounds on leave-to-cleanup latency.
 *
 * @param invariants which invariants must hold and which must be violated
 * @param counts counts of things in the stack and in the run
 * @param matchStates what became of named matches
 * @param latency upper bounds on percentiles of the time from a leave's request to its completed cleanup
 */
public record Expectations(
        InvariantExpectation invariants,
        List<CountExpectation> counts,
        List<MatchState> matchStates,
        List<LatencyBound> latency) {

    public Expectations {
        counts = List.copyOf(counts);
        matchStates = List.copyOf(matchStates);
        latency = List.copyOf(latency);
    }

    /** Every invariant must hold, and nothing else is expected: what a scenario without {@code expect} gets. */
    public static Expectations invariantsOnly() {
        return new Expectations(InvariantExpectation.all(0), List.of(), List.of(), List.of());
    }

    /** How many things are expected. */
    public int size() {
        return invariants.checked().size() + counts.size() + matchStates.size() + latency.size();
    }

    /**
     * Invariants to check.
     *
     * @param hold those that must hold
     * @param violated those that must be violated: a known weakness the scenario shows
     */
    public record InvariantExpectation(Set<Invariant> hold, Set<Invariant> violated, int line) {

        public InvariantExpectation {
            hold = hold.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(hold));
            violated = violated.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(violated));
        }

        /** Every invariant must hold. */
        public static InvariantExpectation all(int line) {
            return new InvariantExpectation(EnumSet.allOf(Invariant.class), Set.of(), line);
        }

        /** Nothing about invariants. */
        public static InvariantExpectation none(int line) {
            return new InvariantExpectation(Set.of(), Set.of(), line);
        }

        /** Every invariant this expectation speaks of, in the design's order. */
        public List<Invariant> checked() {
            return EnumSet.allOf(Invariant.class).stream()
                    .filter(invariant -> hold.contains(invariant) || violated.contains(invariant))
                    .toList();
        }
    }

    /** What can be counted. */
    public enum Counted {
        /** Matches in the stack, filtered by {@code user}, {@code pool} and {@code status}. */
        MATCHES("user", "pool", "status"),
        /** Decisions in the stack, filtered by {@code match} and {@code user}. */
        DECISIONS("match", "user"),
        /** Memberships, filtered by {@code pool}. */
        MEMBERS("pool"),
        /** Leaves the run asked for and User-Match answered. */
        LEAVES,
        /** Leaves whose cleanup completed. */
        CLEANED_UP_LEAVES,
        /** Cleanup events Matches processed, filtered by {@code user} and {@code pool}. */
        CLEANUPS("user", "pool"),
        /** Messages Pub/Sub took, from User-Match's outbox or published by hand. */
        PUBLISHED_MESSAGES,
        /** Messages that went to the dead-letter topic. */
        DEAD_LETTERS,
        /** Dead letters that {@code redrive} steps published again. */
        REDRIVEN,
        /** Messages the function acknowledged without cleanup, filtered by {@code reason}. */
        REJECTED_MESSAGES("reason"),
        /** Events still in User-Match's outbox. */
        PENDING_EVENTS;

        private final List<String> filters;

        Counted(String... filters) {
            this.filters = List.of(filters);
        }

        /** Its key in scenario files, for example {@code dead_letters}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The filters it takes. */
        public List<String> filters() {
            return filters;
        }
    }

    /**
     * A count that must be within a bound.
     *
     * @param filters filter name to value (a user, pool or match name, a status, a reason)
     */
    public record CountExpectation(Counted counted, Map<String, String> filters, Bound bound, int line) {

        public CountExpectation {
            filters = Map.copyOf(filters);
        }

        /** {@code matches of user alice with status waiting: exactly 0}. */
        public String label() {
            String filtered = counted.filters().stream()
                    .filter(filters::containsKey)
                    .map(filter -> filter + " " + filters.get(filter))
                    .collect(Collectors.joining(", "));
            return counted.id().replace('_', ' ') + (filtered.isEmpty() ? "" : " (" + filtered + ")") + ": " + bound;
        }
    }

    /**
     * A bound on a count.
     *
     * @param comparison how the count compares with {@code value}
     */
    public record Bound(Comparison comparison, long value) {

        /** The comparisons a bound can make. */
        public enum Comparison {
            EXACTLY("exactly"),
            AT_LEAST("at least"),
            MORE_THAN("more than"),
            AT_MOST("at most"),
            FEWER_THAN("fewer than");

            private final String words;

            Comparison(String words) {
                this.words = words;
            }

            /** How it reads in files and reports, for example {@code at least}. */
            public String words() {
                return words;
            }
        }

        public boolean admits(long count) {
            return switch (comparison) {
                case EXACTLY -> count == value;
                case AT_LEAST -> count >= value;
                case MORE_THAN -> count > value;
                case AT_MOST -> count <= value;
                case FEWER_THAN -> count < value;
            };
        }

        @Override
        public String toString() {
            return comparison.words + " " + value;
        }
    }

    /**
     * What a named match must have become.
     *
     * @param state {@code gone}, or the status it must have: {@code waiting}, {@code accepted}, {@code rejected}
     */
    public record MatchState(String match, String state, int line) {

        public String label() {
            return "match " + match + " is " + state;
        }
    }

    /**
     * An upper bound on a percentile of leave-to-cleanup latency.
     *
     * @param percentile its name in files and reports: {@code p50}, {@code p90}, {@code p99} or {@code max}
     * @param quantile the share of leaves at or under it, 1 for the maximum
     */
    public record LatencyBound(String percentile, double quantile, Duration limit, int line) {

        public String label() {
            return "leave-to-cleanup " + percentile + " at most " + Names.duration(limit);
        }
    }
}
