package dev.matchflow.console.runner;

import dev.matchflow.scenarios.run.StepResult;
import java.time.Duration;
import java.util.Locale;

/**
 * One step of the run as the screen shows it: running until it is judged.
 *
 * @param status {@code running}, {@code passed}, {@code failed} or {@code skipped}
 * @param took how long it took; empty while it runs
 */
record StepRow(int number, String label, String status, String took, String detail) {

    static StepRow started(int number, String label) {
        return new StepRow(number, label, "running", "", "");
    }

    static StepRow finished(StepResult result) {
        return new StepRow(
                result.number(),
                result.label(),
                result.verdict().name().toLowerCase(Locale.ROOT),
                millis(result.took()),
                result.detail());
    }

    private static String millis(Duration took) {
        return took.toMillis() + " ms";
    }
}
