package dev.matchflow.cli;

import dev.matchflow.scenarios.language.Names;
import dev.matchflow.scenarios.language.Scenario;
import dev.matchflow.scenarios.language.ScenarioFileException;
import dev.matchflow.scenarios.language.ScenarioParser;
import dev.matchflow.scenarios.report.Reports;
import dev.matchflow.scenarios.run.RunFigures;
import dev.matchflow.scenarios.run.RunListener;
import dev.matchflow.scenarios.run.ScenarioResult;
import dev.matchflow.scenarios.run.ScenarioRunner;
import dev.matchflow.scenarios.run.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./matchflow bench churn}: the library's churn storm, with its throughput and latency printed. */
@Command(
        name = "churn",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the churn storm of the scenario library (10,000 users, 100,000 matches, at least 5,000 leaves, faults"
                    + " switching on and off) on a fresh stack and prints leaves per second and leave-to-cleanup"
                    + " latency.",
            "Exits with 1 when the storm breaks an invariant or an expectation."
        })
final class BenchChurnCommand implements Callable<Integer> {

    /** The storm, as the scenarios module packs its library. */
    static final String STORM = "scenarios/library/churn-storm.yaml";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ScenarioStackOptions stackOptions;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write the run's reports into DIR.")
    private Path reportFolder;

    @Option(
            names = "--scenario",
            paramLabel = "FILE",
            description = "Another churn scenario to measure instead of the library's storm.")
    private Path scenarioFile;

    @Override
    public Integer call() {
        Scenario scenario = scenario();
        Path log = (reportFolder != null ? reportFolder : Path.of(System.getProperty("java.io.tmpdir")))
                .resolve("matchflow-bench-churn.log");
        PrintWriter err = spec.commandLine().getErr();
        err.println("bench churn: running " + scenario.name() + " (" + scenario.file() + "); log in "
                + log.toAbsolutePath());
        err.flush();
        Instant startedAt = Instant.now();
        ScenarioRunner runner = new ScenarioRunner(stackOptions.runOptions(spec)).addListener(new RunListener() {
            @Override
            public void stepFinished(StepResult step) {
                err.println("  " + step.label() + ": " + step.verdict() + " in " + Names.duration(step.took()));
                err.flush();
            }
        });
        try (LogFile routed = LogFile.routeTo(log);
                UntilStopped signals = UntilStopped.forCurrentThread()) {
            ScenarioResult result = runner.run(scenario);
            PrintWriter out = spec.commandLine().getOut();
            out.print(table(result));
            if (reportFolder != null) {
                out.println("reports: "
                        + Reports.write(List.of(result), startedAt, reportFolder)
                                .toAbsolutePath());
            }
            out.flush();
            return result.passed() ? 0 : 1;
        }
    }

    /** The figures of one storm as a plain-text table. */
    static String table(ScenarioResult result) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                Locale.ROOT,
                "%nChurn benchmark: %s (%s), seed %d, %s%n%n",
                result.name(),
                result.file(),
                result.seed(),
                result.stack()));
        if (result.figures().isEmpty()) {
            return table.append("the storm did not run: ")
                    .append(result.failures())
                    .append('\n')
                    .toString();
        }
        RunFigures figures = result.figures().get();
        StepResult setUp = result.steps().get(0);
        row(
                table,
                "set-up",
                String.format(
                        Locale.ROOT,
                        "%s in %s (%,.0f requests/s)",
                        setUp.detail(),
                        Names.duration(setUp.took()),
                        figures.setUpPerSecond()));
        result.steps().stream()
                .filter(step -> step.label().startsWith("churn"))
                .forEach(step -> row(table, "churn", step.detail()));
        row(
                table,
                "leaves",
                String.format(
                        Locale.ROOT, "%,d requested, %,d cleaned up", figures.leaves(), figures.cleanedUpLeaves()));
        row(
                table,
                "leaves per second",
                String.format(
                        Locale.ROOT,
                        "%,.1f (cleaned-up leaves, from the first leave's request to the last cleanup)",
                        figures.leavesPerSecond()));
        figures.leaveToCleanup().ifPresent(latency -> {
            row(table, "leave to cleanup, median", Names.duration(latency.p50()));
            row(table, "leave to cleanup, p99", Names.duration(latency.p99()));
            row(table, "leave to cleanup, max", Names.duration(latency.max()));
        });
        row(table, "total time", Names.duration(result.took()));
        long unmet = result.expectations().stream()
                .filter(expectation -> !expectation.met())
                .count();
        row(
                table,
                "expectations",
                unmet == 0
                        ? "all " + result.expectations().size() + " met (invariants included)"
                        : unmet + " of " + result.expectations().size() + " not met: " + result.failures());
        return table.toString();
    }

    private static void row(StringBuilder table, String label, String value) {
        table.append(String.format(Locale.ROOT, "%-28s %s%n", label, value));
    }

    private Scenario scenario() {
        try {
            if (scenarioFile != null) {
                return ScenarioParser.load(scenarioFile);
            }
            return ScenarioParser.parse(STORM, libraryText());
        } catch (ScenarioFileException | UncheckedIOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static String libraryText() {
        try (InputStream in = BenchChurnCommand.class.getClassLoader().getResourceAsStream(STORM)) {
            if (in == null) {
                throw new IllegalStateException(STORM + " is missing from the class path; rebuild Matchflow");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STORM + ": " + e.getMessage(), e);
        }
    }
}
