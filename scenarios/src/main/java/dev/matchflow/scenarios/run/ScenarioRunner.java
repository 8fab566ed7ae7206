package dev.matchflow.scenarios.run;

import dev.matchflow.db.DatabaseSettings;
import dev.matchflow.pubsub.PubSubBackend;
import dev.matchflow.scenarios.language.Scenario;
import dev.matchflow.scenarios.language.Step;
import dev.matchflow.stack.StackClient;
import dev.matchflow.stack.StackSettings;
import dev.matchflow.stack.SystemStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scenarios on a stack, through its public HTTP APIs and Pub/Sub only, and judges them: a result per step,
 * the invariants and expectations once the stack is quiet, and figures (throughput, leave-to-cleanup latency).
 *
 * <pre>{@code
 * ScenarioRunner runner = new ScenarioRunner(RunOptions.defaults());
 * runner.addListener(new RunListener() {
 *     public void stepFinished(StepResult step) { System.out.println(step.label() + ": " + step.verdict()); }
 * });
 * ScenarioResult result = runner.run(ScenarioParser.load(Path.of("scenarios/library/plain-leave.yaml")));
 * }</pre>
 *
 * <p>{@link #run} starts a stack of the scenario's own (with a fresh database) and stops it afterwards;
 * {@link #runOn} uses a stack already running, such as the console's, and leaves it running. {@link #control()}
 * pauses, steps, speeds up or stops the run from any thread. A runner runs one scenario at a time.
 */
public final class ScenarioRunner {

    private static final Logger log = LoggerFactory.getLogger(ScenarioRunner.class);
    private static final String FINAL_WAIT = "wait until quiet (after the last step)";

    private final RunOptions options;
    private final RunControl control;
    private final Listeners listeners = new Listeners();
    private final Map<String, String> environment;

    public ScenarioRunner(RunOptions options) {
        this(options, new RunControl(), System.getenv());
    }

    /**
     * @param environment where {@code PUBSUB_EMULATOR_HOST}, {@code DATABASE_USER} and {@code DATABASE_PASSWORD} are
     *     read from
     */
    public ScenarioRunner(RunOptions options, RunControl control, Map<String, String> environment) {
        this.options = options;
        this.control = control;
        this.environment = Map.copyOf(environment);
    }

    /** Pause, step, speed and stop, for any thread. */
    public RunControl control() {
        return control;
    }

    public ScenarioRunner addListener(RunListener listener) {
        listeners.add(listener);
        return this;
    }

    public void removeListener(RunListener listener) {
        listeners.remove(listener);
    }

    /** Runs the scenario on a stack of its own, started as the scenario and the options say, and stopped after. */
    public ScenarioResult run(Scenario scenario) {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        boolean interrupted;
        ScenarioResult result;
        try (ScenarioDatabase database = ScenarioDatabase.fresh(
                        options.database().or(() -> scenario.stack().database()), environment);
                SystemStack stack = SystemStack.start(stackSettings(scenario, database.settings()))) {
            result = run(scenario, stack, startedAt, started);
            // The stack stops cleanly only when its closing is not interrupted; the caller hears of it after.
            interrupted = Thread.interrupted();
        } catch (IllegalArgumentException | IllegalStateException e) {
            log.error("scenario '{}' ({}) could not run: {}", scenario.name(), scenario.file(), e.getMessage());
            ScenarioResult notRun =
                    ScenarioResult.couldNotRun(scenario.name(), scenario.file(), startedAt, e.getMessage());
            listeners.scenarioFinished(notRun);
            return notRun;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return result;
    }

    /** Runs the scenario on a stack that is already running, and leaves it running. */
    public ScenarioResult runOn(Scenario scenario, SystemStack stack) {
        return run(scenario, stack, Instant.now(), System.nanoTime());
    }

    /** The stack settings a scenario runs with under these options, on {@code database}. */
    public StackSettings stackSettings(Scenario scenario, DatabaseSettings database) {
        StackSettings settings = StackSettings.defaults()
                .withDatabase(database)
                .withTimeScale(scenario.stack().timeScale())
                .withPublishingEnabled(scenario.stack().publishing())
                .withFaultSeed(scenario.seed());
        if (scenario.stack().matchesTimeout().isPresent()) {
            settings = settings.withMatchesTimeout(
                    scenario.stack().matchesTimeout().get());
        }
        PubSubBackend backend =
                options.pubsub().or(() -> scenario.stack().pubsub()).orElse(PubSubBackend.EMBEDDED);
        if (backend == PubSubBackend.EXTERNAL) {
            String endpoint = environment.getOrDefault("PUBSUB_EMULATOR_HOST", "");
            if (endpoint.isBlank()) {
                throw new IllegalArgumentException(
                        "the external Pub/Sub backend needs PUBSUB_EMULATOR_HOST set to the emulator's host:port");
            }
            return settings.withExternalEmulator(endpoint.strip());
        }
        return settings.withPubSub(backend);
    }

    private ScenarioResult run(Scenario scenario, SystemStack stack, Instant startedAt, long started) {
        log.info("scenario '{}' ({}) starts with seed {}", scenario.name(), scenario.file(), scenario.seed());
        listeners.scenarioStarted(scenario, stack);
        World world = new World(scenario.seed(), scenario.setup().users());
        StackClient client = StackClient.of(stack);
        try (LeaveTracker leaves = new LeaveTracker(stack, listeners::leaveCleanedUp);
                FaultLog faults = new FaultLog(stack);
                Parallel parallel = new Parallel(options.parallelism(), control)) {
            Actions actions = new Actions(stack, client, world, leaves);
            RunContext context = new RunContext(
                    scenario, stack, actions, parallel, control, listeners, leaves, faults, new AtomicInteger());
            ScenarioResult result = judge(context, steps(context), startedAt, started);
            log.info("scenario '{}' {}", scenario.name(), result.passed() ? "passed" : "failed: " + result.failures());
            listeners.scenarioFinished(result);
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return broken(scenario, stack, startedAt, started, "the run was interrupted");
        } catch (RuntimeException e) {
            log.error("scenario '{}' ({}) broke off", scenario.name(), scenario.file(), e);
            return broken(scenario, stack, startedAt, started, "the run broke off: " + e);
        }
    }

    /** The steps' results and what {@code check} steps found. */
    private record Ran(List<StepResult> steps, List<ExpectationResult> checked) {}

    /** The set-up, the file's steps and the final wait; after a failed step the rest are skipped. */
    private Ran steps(RunContext context) throws InterruptedException {
        List<StepResult> results = new ArrayList<>();
        control.awaitStepTurn();
        listeners.stepStarted(0, SetupRunner.LABEL, Optional.empty());
        results.add(finished(new SetupRunner(context).run(context.scenario().setup())));
        boolean goOn = results.get(0).passed();
        StepRunner runner = new StepRunner(context);
        List<Step> steps = context.scenario().steps();
        for (int index = 0; index < steps.size(); index++) {
            Step step = steps.get(index);
            int number = index + 1;
            if (!goOn || control.isStopped()) {
                results.add(finished(skipped(number, step.label(), step.line(), results)));
                continue;
            }
            control.awaitStepTurn();
            listeners.stepStarted(number, step.label(), Optional.of(step));
            StepResult result = finished(runner.run(number, step));
            results.add(result);
            goOn = result.passed() || step instanceof Step.Check;
        }
        results.add(finished(finalWait(context, results.size())));
        return new Ran(results, runner.checked());
    }

    private StepResult finalWait(RunContext context, int number) throws InterruptedException {
        listeners.stepStarted(number, FINAL_WAIT, Optional.empty());
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        Optional<String> notQuiet = context.awaitQuiet(context.scenario().quietWithin());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new StepResult(
                number,
                FINAL_WAIT,
                0,
                notQuiet.isPresent() ? Verdict.FAILED : Verdict.PASSED,
                startedAt,
                took,
                RequestCounts.NONE,
                notQuiet.orElse("quiet"));
    }

    private StepResult finished(StepResult result) {
        listeners.stepFinished(result);
        return result;
    }

    private static StepResult skipped(int number, String label, int line, List<StepResult> before) {
        String why = before.stream().anyMatch(step -> step.verdict() == Verdict.FAILED)
                ? "an earlier step failed"
                : "the run was stopped";
        return new StepResult(
                number, label, line, Verdict.SKIPPED, Instant.now(), Duration.ZERO, RequestCounts.NONE, why);
    }

    private ScenarioResult judge(RunContext context, Ran ran, Instant startedAt, long started) {
        RunContext.Checked checked = context.check();
        List<ExpectationResult> expectations = new ArrayList<>(ran.checked());
        List<ExpectationResult> atTheEnd =
                checked.expectations(context).check(context.scenario().expectations(), 0);
        atTheEnd.forEach(listeners::expectationChecked);
        expectations.addAll(atTheEnd);
        Scenario scenario = context.scenario();
        return new ScenarioResult(
                scenario.name(),
                scenario.file(),
                scenario.description(),
                scenario.seed(),
                describe(context.stack().settings()),
                startedAt,
                Duration.ofNanos(System.nanoTime() - started),
                ran.steps(),
                expectations,
                checked.invariants(),
                Optional.of(Figures.of(checked.state(), ran.steps(), context, startedAt)),
                Optional.empty());
    }

    private ScenarioResult broken(Scenario scenario, SystemStack stack, Instant startedAt, long started, String why) {
        ScenarioResult result = new ScenarioResult(
                scenario.name(),
                scenario.file(),
                scenario.description(),
                scenario.seed(),
                describe(stack.settings()),
                startedAt,
                Duration.ofNanos(System.nanoTime() - started),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Optional.of(why));
        listeners.scenarioFinished(result);
        return result;
    }

    private static String describe(StackSettings settings) {
        String database = settings.database().ephemeral()
                ? "H2 in memory"
                : settings.database().describe();
        return settings.pubsub() + " Pub/Sub, " + database
                + (settings.timeScale() == 1.0 ? "" : ", time scale " + settings.timeScale())
                + (settings.publishingEnabled() ? "" : ", publishing disabled");
    }
}
