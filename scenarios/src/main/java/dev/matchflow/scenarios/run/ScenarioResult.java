package dev.matchflow.scenarios.run;

import dev.matchflow.invariants.InvariantResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one scenario went: its steps, its expectations, the invariants, and its figures.
 *
 * @param name the scenario's name
 * @param file the file it was read from
 * @param description what the scenario shows
 * @param seed the seed it ran with
 * @param stack the stack it ran on, in words (Pub/Sub backend, database, time scale)
 * @param startedAt when it started
 * @param took how long it took, stack start-up and shut-down included
 * @param steps the set-up (step 0), the file's steps, and the final wait for quiescence
 * @param expectations every expectation checked, {@code check} steps' included
 * @param invariants the invariants as checked at the end, all six, whether expected or not
 * @param figures what the run amounted to; empty when it could not run
 * @param error why the scenario could not run or finish, when it could not: a file with problems, a stack that did
 *     not start
 */
public record ScenarioResult(
        String name,
        String file,
        String description,
        long seed,
        String stack,
        Instant startedAt,
        Duration took,
        List<StepResult> steps,
        List<ExpectationResult> expectations,
        List<InvariantResult> invariants,
        Optional<RunFigures> figures,
        Optional<String> error) {

    public ScenarioResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        steps = List.copyOf(steps);
        expectations = List.copyOf(expectations);
        invariants = List.copyOf(invariants);
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(error, "error");
    }

    /** A scenario that could not run at all. */
    public static ScenarioResult couldNotRun(String name, String file, Instant at, String why) {
        return new ScenarioResult(
                name,
                file,
                "",
                0,
                "",
                at,
                Duration.ZERO,
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Optional.of(why));
    }

    /** True when it ran, every step passed and every expectation was met. */
    public boolean passed() {
        return error.isEmpty()
                && steps.stream().noneMatch(step -> step.verdict() == Verdict.FAILED)
                && expectations.stream().allMatch(ExpectationResult::met);
    }

    /** One line per failure: the error, each failed step, each unmet expectation. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        error.ifPresent(failures::add);
        steps.stream()
                .filter(step -> step.verdict() == Verdict.FAILED)
                .forEach(step ->
                        failures.add("step " + step.number() + " (" + step.label() + ") failed: " + step.detail()));
        expectations.stream()
                .filter(expectation -> !expectation.met())
                .forEach(expectation ->
                        failures.add("expected " + expectation.label() + ", found " + expectation.actual()));
        return failures;
    }
}
