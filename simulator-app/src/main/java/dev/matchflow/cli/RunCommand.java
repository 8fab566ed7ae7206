package dev.matchflow.cli;

import dev.matchflow.scenarios.language.Names;
import dev.matchflow.scenarios.language.Problem;
import dev.matchflow.scenarios.language.Scenario;
import dev.matchflow.scenarios.language.ScenarioFileException;
import dev.matchflow.scenarios.language.ScenarioParser;
import dev.matchflow.scenarios.report.Reports;
import dev.matchflow.scenarios.report.TextSummary;
import dev.matchflow.scenarios.run.RunOptions;
import dev.matchflow.scenarios.run.ScenarioResult;
import dev.matchflow.scenarios.run.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./matchflow run PATH...}: scenarios headless, a line each, reports for CI and people. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs scenario files (or every .yaml file in folders, sorted by path), each on a fresh stack, and prints a"
                    + " line per scenario and a summary.",
            "Exits with 0 when every expectation of every scenario is met, 1 otherwise (2 for a wrong command line)."
        })
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Scenario files, or folders of them.")
    private List<Path> paths;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = "Write " + Reports.JUNIT_FILE + " (JUnit XML) and " + Reports.HTML_FILE + " into DIR.")
    private Path reportFolder;

    @Mixin
    private ScenarioStackOptions stackOptions;

    @Option(
            names = "--log",
            paramLabel = "FILE",
            description = "Where the stack's log lines go (default: matchflow.log in the report folder, else in the"
                    + " system's temporary folder).")
    private Path logFile;

    @Override
    public Integer call() {
        try {
            return runAll();
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("run: " + e.getMessage());
            return 1;
        }
    }

    private int runAll() {
        RunOptions options = stackOptions.runOptions(spec);
        List<Path> files = scenarioFiles();
        Path log = logFile != null
                ? logFile
                : (reportFolder != null ? reportFolder : tempFolder()).resolve("matchflow.log");
        PrintWriter out = spec.commandLine().getOut();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        List<ScenarioResult> results = new ArrayList<>();
        try (LogFile routed = LogFile.routeTo(log);
                UntilStopped signals = UntilStopped.forCurrentThread()) {
            ScenarioRunner runner = new ScenarioRunner(options);
            for (Path file : files) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                ScenarioResult result = runOne(runner, file);
                results.add(result);
                out.println(TextSummary.line(result));
                out.flush();
            }
            summary(out, results, files.size(), Duration.ofNanos(System.nanoTime() - started), log);
            if (reportFolder != null) {
                out.println("reports: "
                        + Reports.write(results, startedAt, reportFolder).toAbsolutePath() + " and "
                        + reportFolder.resolve(Reports.JUNIT_FILE).toAbsolutePath());
            }
            out.flush();
        }
        return results.size() == files.size() && results.stream().allMatch(ScenarioResult::passed) ? 0 : 1;
    }

    private ScenarioResult runOne(ScenarioRunner runner, Path file) {
        Scenario scenario;
        try {
            scenario = ScenarioParser.load(file);
        } catch (ScenarioFileException e) {
            PrintWriter err = spec.commandLine().getErr();
            e.problems().forEach(problem -> err.println(problem));
            err.flush();
            String problems = e.problems().stream().map(Problem::toString).collect(Collectors.joining("; "));
            return ScenarioResult.couldNotRun(
                    file.getFileName().toString(),
                    file.toString(),
                    Instant.now(),
                    "the file has problems: " + problems);
        } catch (UncheckedIOException e) {
            return ScenarioResult.couldNotRun(
                    file.getFileName().toString(), file.toString(), Instant.now(), e.getMessage());
        }
        return runner.run(scenario);
    }

    private static void summary(PrintWriter out, List<ScenarioResult> results, int planned, Duration took, Path log) {
        long passed = results.stream().filter(ScenarioResult::passed).count();
        String notRun = results.size() < planned ? ", " + (planned - results.size()) + " not run (stopped)" : "";
        out.println();
        out.println(planned + (planned == 1 ? " scenario: " : " scenarios: ") + passed + " passed, "
                + (results.size() - passed) + " failed" + notRun + " in " + Names.duration(took));
        out.println("log: " + log.toAbsolutePath());
    }

    /** The files named, and the .yaml and .yml files under the folders named, each folder's sorted by path. */
    private List<Path> scenarioFiles() {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                files.addAll(yamlFilesUnder(path));
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), "no scenario file or folder at " + path);
            }
        }
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no .yaml scenario files under " + paths);
        }
        return files;
    }

    private static List<Path> yamlFilesUnder(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file ->
                            file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the scenario folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Path tempFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
