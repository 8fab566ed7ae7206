package dev.matchflow.scenarios.report;

import dev.matchflow.scenarios.language.Names;
import dev.matchflow.scenarios.run.ExpectationResult;
import dev.matchflow.scenarios.run.LatencySummary;
import dev.matchflow.scenarios.run.RunFigures;
import dev.matchflow.scenarios.run.ScenarioResult;
import dev.matchflow.scenarios.run.StepResult;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A scenario's result as plain text: one line for a console, or the whole story for a CI log. */
public final class TextSummary {

    private TextSummary() {}

    /**
     * {@code PASS  plain leave (library/plain-leave.yaml) 2.1s: 1 leave cleaned up, p50 40ms, p99 40ms}, or
     * {@code FAIL} with the number of failures.
     */
    public static String line(ScenarioResult result) {
        String verdict = result.passed() ? "PASS" : "FAIL";
        String head = String.format(
                Locale.ROOT, "%s  %s (%s) %s", verdict, result.name(), result.file(), Names.duration(result.took()));
        String figures = result.figures().map(TextSummary::leaves).orElse("");
        String failures = result.passed()
                ? ""
                : "; " + result.failures().size() + " failed: "
                        + result.failures().get(0)
                        + (result.failures().size() > 1
                                ? " (and " + (result.failures().size() - 1) + " more)"
                                : "");
        return head + (figures.isEmpty() ? "" : ": " + figures) + failures;
    }

    /** Every step, every expectation and the figures, one per line. */
    public static String of(ScenarioResult result) {
        StringBuilder text = new StringBuilder();
        text.append(line(result)).append('\n');
        text.append("seed ")
                .append(result.seed())
                .append(", ")
                .append(result.stack())
                .append('\n');
        result.error()
                .ifPresent(error -> text.append("could not run: ").append(error).append('\n'));
        for (StepResult step : result.steps()) {
            text.append(String.format(
                    Locale.ROOT,
                    "  step %d %-7s %s (%s): %s%n",
                    step.number(),
                    step.verdict(),
                    step.label(),
                    Names.duration(step.took()),
                    step.detail()));
        }
        for (ExpectationResult expectation : result.expectations()) {
            text.append(String.format(
                    Locale.ROOT,
                    "  %s %s: %s%n",
                    expectation.met() ? "met    " : "NOT MET",
                    expectation.label(),
                    expectation.actual()));
        }
        result.figures().ifPresent(figures -> text.append(figures(figures)));
        return text.toString();
    }

    /** {@code 512 leaves, 512 cleaned up at 85.3/s, p50 40ms, p99 120ms}. */
    static String leaves(RunFigures figures) {
        if (figures.leaves() == 0) {
            return "no leaves";
        }
        String cleaned = String.format(
                Locale.ROOT,
                "%,d %s, %,d cleaned up",
                figures.leaves(),
                figures.leaves() == 1 ? "leave" : "leaves",
                figures.cleanedUpLeaves());
        Optional<LatencySummary> latency = figures.leaveToCleanup();
        if (latency.isEmpty()) {
            return cleaned;
        }
        return cleaned
                + String.format(
                        Locale.ROOT,
                        " (%,.1f/s), leave to cleanup p50 %s, p99 %s",
                        figures.leavesPerSecond(),
                        Names.duration(latency.get().p50()),
                        Names.duration(latency.get().p99()));
    }

    private static String figures(RunFigures figures) {
        String counts = figures.state().byName().entrySet().stream()
                .map(count -> String.format(Locale.ROOT, "%,d %s", count.getValue(), count.getKey()))
                .collect(Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "  at the end: %s%n  requests: set-up %,d (%,.0f/s), steps %,d (%,.0f/s); %s%n",
                counts,
                figures.setUpRequests(),
                figures.setUpPerSecond(),
                figures.stepRequests(),
                figures.stepsPerSecond(),
                leaves(figures));
    }
}
