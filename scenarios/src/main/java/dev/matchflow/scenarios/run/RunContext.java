package dev.matchflow.scenarios.run;

import dev.matchflow.invariants.InvariantChecker;
import dev.matchflow.invariants.InvariantResult;
import dev.matchflow.scenarios.language.Scenario;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.stack.SystemStack;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Everything one scenario's run works with, from its set-up to its last expectation. */
record RunContext(
        Scenario scenario,
        SystemStack stack,
        Actions actions,
        Parallel parallel,
        RunControl control,
        Listeners listeners,
        LeaveTracker leaves,
        FaultLog faults,
        AtomicInteger redriven) {

    private static final long QUIET_POLL_MILLIS = 25;

    World world() {
        return actions.world();
    }

    /**
     * Waits until the stack is quiet: nothing in the outbox, every message settled, no delivery under way. Time
     * spent paused does not count against {@code within}.
     *
     * @return empty once quiet; what still moves when it was not quiet in time, or the run was stopped
     */
    Optional<String> awaitQuiet(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        SystemStack.Quiescence now = stack.quiescence();
        while (!now.isQuiet()) {
            deadline += control.awaitRunning();
            if (control.isStopped()) {
                return Optional.of("the run was stopped before the stack was quiet: " + now);
            }
            if (System.nanoTime() > deadline) {
                return Optional.of("the stack was not quiet within "
                        + dev.matchflow.scenarios.language.Names.duration(within) + ": " + now);
            }
            TimeUnit.MILLISECONDS.sleep(QUIET_POLL_MILLIS);
            now = stack.quiescence();
        }
        return Optional.empty();
    }

    /** The stack's state now, with every invariant checked on it. */
    Checked check() {
        StackSnapshot state = stack.snapshot();
        return new Checked(state, InvariantChecker.check(state, actions.client().history()));
    }

    /** A snapshot and the invariants as they stand in it. */
    record Checked(StackSnapshot state, List<InvariantResult> invariants) {

        ExpectationCheck expectations(RunContext context) {
            return new ExpectationCheck(
                    context.world(), context.leaves(), context.redriven().get(), state, invariants);
        }
    }
}
