package dev.matchflow.scenarios.run;

import dev.matchflow.matches.Match;
import dev.matchflow.matches.MatchStatus;
import dev.matchflow.stack.StackSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Works out a run's {@link RunFigures} from its final state, its steps and the leaves it timed. */
final class Figures {

    private Figures() {}

    static RunFigures of(StackSnapshot state, List<StepResult> steps, RunContext context, Instant startedAt) {
        LeaveTracker leaves = context.leaves();
        StepResult setUp = steps.get(0);
        List<StepResult> fileSteps = steps.subList(1, Math.max(1, steps.size() - 1));
        int stepRequests =
                fileSteps.stream().mapToInt(step -> step.tally().total()).sum();
        Duration stepsTook = fileSteps.isEmpty()
                ? Duration.ZERO
                : Duration.between(
                        fileSteps.get(0).startedAt(),
                        last(fileSteps).startedAt().plus(last(fileSteps).took()));
        List<LeaveLatency> cleanedUp = leaves.cleanedUp();
        return new RunFigures(
                counts(state),
                setUp.tally().total(),
                perSecond(setUp.tally().total(), setUp.took()),
                stepRequests,
                perSecond(stepRequests, stepsTook),
                leaves.leaves(),
                cleanedUp.size(),
                leavesPerSecond(cleanedUp),
                LatencySummary.of(cleanedUp.stream().map(LeaveLatency::latency).toList()),
                cleanedUp,
                context.faults().spans(state.takenAt()),
                startedAt);
    }

    private static RunFigures.StateCounts counts(StackSnapshot state) {
        return new RunFigures.StateCounts(
                state.pools().size(),
                state.members().size(),
                withStatus(state, MatchStatus.WAITING),
                withStatus(state, MatchStatus.ACCEPTED),
                withStatus(state, MatchStatus.REJECTED),
                state.decisions().size(),
                state.cleanups().size(),
                state.messages().deadLettered().size(),
                state.rejections().size(),
                state.pendingEvents().size());
    }

    private static int withStatus(StackSnapshot state, MatchStatus status) {
        return (int) state.matches().stream()
                .map(Match::status)
                .filter(status::equals)
                .count();
    }

    /** Cleaned-up leaves per second, from the first one's request to the last one's cleanup. */
    private static double leavesPerSecond(List<LeaveLatency> cleanedUp) {
        if (cleanedUp.isEmpty()) {
            return 0;
        }
        Instant first = cleanedUp.stream()
                .map(LeaveLatency::requestedAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Instant last = cleanedUp.stream()
                .map(LeaveLatency::cleanedUpAt)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        return perSecond(cleanedUp.size(), Duration.between(first, last));
    }

    private static double perSecond(int count, Duration took) {
        return took.isZero() || took.isNegative() ? 0 : count / (took.toNanos() / 1e9);
    }

    private static StepResult last(List<StepResult> steps) {
        return steps.get(steps.size() - 1);
    }
}
