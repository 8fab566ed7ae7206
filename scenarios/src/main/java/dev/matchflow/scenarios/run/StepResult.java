package dev.matchflow.scenarios.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one step went. The set-up is step 0; the final wait for quiescence comes after the last step.
 *
 * @param number the step's number, from 1 in file order; 0 for the set-up
 * @param label what the step does
 * @param line where it is written; 0 for what the file does not write (the final wait)
 * @param verdict passed, failed, or skipped
 * @param startedAt when it started; the scenario's start for a skipped step
 * @param took how long it took
 * @param tally its requests, by how they were answered
 * @param detail what happened, in a sentence: counts, or why it failed
 */
public record StepResult(
        int number,
        String label,
        int line,
        Verdict verdict,
        Instant startedAt,
        Duration took,
        RequestCounts tally,
        String detail) {

    public StepResult {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(tally, "tally");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean passed() {
        return verdict == Verdict.PASSED;
    }
}
