package dev.matchflow.scenarios.run;

import dev.matchflow.invariants.Invariant;
import dev.matchflow.invariants.InvariantResult;
import dev.matchflow.matches.Match;
import dev.matchflow.matches.MatchStatus;
import dev.matchflow.scenarios.churn.MatchHandle;
import dev.matchflow.scenarios.language.Expectations;
import dev.matchflow.scenarios.language.Expectations.CountExpectation;
import dev.matchflow.scenarios.language.Expectations.LatencyBound;
import dev.matchflow.scenarios.language.Expectations.MatchState;
import dev.matchflow.scenarios.language.Names;
import dev.matchflow.stack.StackSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** Checks expectations on a snapshot of the stack, the runner's world and the leaves it timed. */
final class ExpectationCheck {

    private final World world;
    private final LeaveTracker leaves;
    private final int redriven;
    private final StackSnapshot state;
    private final List<InvariantResult> invariants;

    ExpectationCheck(
            World world, LeaveTracker leaves, int redriven, StackSnapshot state, List<InvariantResult> invariants) {
        this.world = world;
        this.leaves = leaves;
        this.redriven = redriven;
        this.state = state;
        this.invariants = invariants;
    }

    /** The result of each expectation: the invariants in the design's order, then the others in file order. */
    List<ExpectationResult> check(Expectations expectations, int step) {
        List<ExpectationResult> results = new ArrayList<>();
        int line = expectations.invariants().line();
        for (Invariant invariant : expectations.invariants().checked()) {
            results.add(
                    invariant(invariant, expectations.invariants().violated().contains(invariant), line, step));
        }
        List<ExpectationResult> others = new ArrayList<>();
        for (CountExpectation count : expectations.counts()) {
            long found = count(count);
            others.add(new ExpectationResult(
                    count.label(), count.line(), step, count.bound().admits(found), Long.toString(found)));
        }
        for (MatchState match : expectations.matchStates()) {
            String found = stateOf(match.match());
            others.add(new ExpectationResult(match.label(), match.line(), step, found.equals(match.state()), found));
        }
        List<Duration> latencies =
                leaves.cleanedUp().stream().map(LeaveLatency::latency).sorted().toList();
        for (LatencyBound bound : expectations.latency()) {
            others.add(latency(bound, latencies, step));
        }
        others.sort(Comparator.comparingInt(ExpectationResult::line));
        results.addAll(others);
        return results;
    }

    private ExpectationResult invariant(Invariant invariant, boolean mustBeViolated, int line, int step) {
        InvariantResult result = invariants.stream()
                .filter(checked -> checked.invariant() == invariant)
                .findFirst()
                .orElseThrow();
        String label = "invariant " + invariant.number() + " (" + invariant.id() + ") "
                + (mustBeViolated ? "is violated" : "holds");
        boolean met = mustBeViolated != result.holds();
        return new ExpectationResult(label, line, step, met, result.summary());
    }

    private long count(CountExpectation count) {
        Map<String, String> filters = count.filters();
        return switch (count.counted()) {
            case MATCHES ->
                state.matches().stream().filter(matchFilter(filters)).count();
            case DECISIONS ->
                state.decisions().stream()
                        .filter(decision -> !filters.containsKey("match")
                                || matchId(filters.get("match"))
                                        .filter(decision.matchId()::equals)
                                        .isPresent())
                        .filter(decision -> !filters.containsKey("user")
                                || decision.userId().equals(world.userId(filters.get("user"))))
                        .count();
            case MEMBERS ->
                state.members().stream()
                        .filter(member -> !filters.containsKey("pool") || isPool(member.poolId(), filters.get("pool")))
                        .count();
            case LEAVES -> leaves.leaves();
            case CLEANED_UP_LEAVES -> leaves.cleanedUp().size();
            case CLEANUPS ->
                state.cleanups().stream()
                        .filter(cleanup -> !filters.containsKey("user")
                                || cleanup.userId().equals(world.userId(filters.get("user"))))
                        .filter(cleanup ->
                                !filters.containsKey("pool") || isPool(cleanup.poolId(), filters.get("pool")))
                        .count();
            case PUBLISHED_MESSAGES -> state.messages().published();
            case DEAD_LETTERS -> state.messages().deadLettered().size();
            case REDRIVEN -> redriven;
            case REJECTED_MESSAGES ->
                state.rejections().stream()
                        .filter(rejection -> !filters.containsKey("reason")
                                || rejection.reason().equals(filters.get("reason")))
                        .count();
            case PENDING_EVENTS -> state.pendingEvents().size();
        };
    }

    private Predicate<Match> matchFilter(Map<String, String> filters) {
        return match -> (!filters.containsKey("user") || match.involves(world.userId(filters.get("user"))))
                && (!filters.containsKey("pool") || isPool(match.poolId(), filters.get("pool")))
                && (!filters.containsKey("status") || match.status().wireName().equals(filters.get("status")));
    }

    private boolean isPool(UUID poolId, String name) {
        return world.anyPoolId(name).filter(poolId::equals).isPresent();
    }

    private Optional<UUID> matchId(String name) {
        return world.match(name).flatMap(MatchHandle::id);
    }

    /** {@code gone}, or the match's status; {@code never created} when Matches never made it. */
    private String stateOf(String name) {
        Optional<UUID> id = matchId(name);
        if (id.isEmpty()) {
            return "never created";
        }
        return state.matches().stream()
                .filter(match -> match.id().equals(id.get()))
                .findFirst()
                .map(Match::status)
                .map(MatchStatus::wireName)
                .orElse("gone");
    }

    private static ExpectationResult latency(LatencyBound bound, List<Duration> sorted, int step) {
        if (sorted.isEmpty()) {
            return new ExpectationResult(bound.label(), bound.line(), step, false, "no leave was cleaned up");
        }
        Duration found = LatencySummary.at(sorted, bound.quantile());
        return new ExpectationResult(
                bound.label(),
                bound.line(),
                step,
                found.compareTo(bound.limit()) <= 0,
                Names.duration(found) + " over " + sorted.size() + " leaves");
    }
}
