package dev.matchflow.scenarios.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.matchflow.db.DatabaseSettings;
import dev.matchflow.pubsub.PubSubBackend;
import dev.matchflow.scenarios.language.Scenario;
import dev.matchflow.scenarios.language.ScenarioParser;
import dev.matchflow.scenarios.language.Step;
import dev.matchflow.stack.StackSettings;
import dev.matchflow.stack.SystemStack;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {

    private static final String LEAVE = """
            name: one leave
            setup:
              pools: [evening]
              members: {evening: [alice, bob]}
              matches:
                - {name: ab, pool: evening, users: [alice, bob]}
            steps:
              - leave: alice
              - wait: quiet
            expect:
              cleanups: 1
              matches:
                - {match: ab, is: gone}
            """;

    @Test
    void listenersHearEveryStepExpectationAndCleanupInOrder() {
        List<String> heard = new CopyOnWriteArrayList<>();
        ScenarioRunner runner = new ScenarioRunner(RunOptions.defaults()).addListener(recorder(heard));

        ScenarioResult result = runner.run(ScenarioParser.parse("leave.yaml", LEAVE));

        assertThat(result.passed()).as(String.join("; ", result.failures())).isTrue();
        assertThat(heard.stream().filter(event -> !event.startsWith("cleaned")).toList())
                .containsExactly(
                        "started one leave",
                        "step 0 set-up",
                        "finished 0 PASSED",
                        "step 1 leave alice",
                        "finished 1 PASSED",
                        "step 2 wait until quiet",
                        "finished 2 PASSED",
                        "step 3 wait until quiet (after the last step)",
                        "finished 3 PASSED",
                        "expectation invariant 1 (accepted-matches-survive-cleanup) holds",
                        "expectation invariant 2 (no-orphaned-matches) holds",
                        "expectation invariant 3 (new-matches-survive-earlier-leaves) holds",
                        "expectation invariant 4 (no-dangling-rows) holds",
                        "expectation invariant 5 (member-counts-match-members) holds",
                        "expectation invariant 6 (every-event-settles) holds",
                        "expectation cleanups: exactly 1",
                        "expectation match ab is gone",
                        "finished one leave");
        assertThat(heard).filteredOn(event -> event.startsWith("cleaned")).hasSize(1);
        assertThat(result.figures().orElseThrow().leaveToCleanup().orElseThrow().count())
                .isEqualTo(1);
    }

    @Test
    void anUnmetExpectationFailsTheScenarioSayingWhatWasFound() {
        Scenario scenario = ScenarioParser.parse("leave.yaml", LEAVE.replace("cleanups: 1", "cleanups: 2"));

        ScenarioResult result = new ScenarioRunner(RunOptions.defaults()).run(scenario);

        assertThat(result.passed()).isFalse();
        assertThat(result.failures()).containsExactly("expected cleanups: exactly 2, found 1");
    }

    @Test
    void aStepAnsweredOtherwiseThanItExpectsFailsAndTheStepsAfterItAreSkipped() {
        Scenario scenario = ScenarioParser.parse("twice.yaml", """
                name: leaving twice
                setup:
                  pools: [evening]
                  members: {evening: [alice]}
                steps:
                  - leave: alice
                  - leave: alice
                  - leave: alice
                    expect: 404
                """);

        ScenarioResult result = new ScenarioRunner(RunOptions.defaults()).run(scenario);

        assertThat(result.steps())
                .extracting(StepResult::verdict)
                .containsExactly(Verdict.PASSED, Verdict.PASSED, Verdict.FAILED, Verdict.SKIPPED, Verdict.PASSED);
        assertThat(result.steps().get(2).detail())
                .startsWith("1 answered 404 (expected success): usermatch answered" + " 404");
        assertThat(result.steps().get(3).detail()).isEqualTo("an earlier step failed");
        assertThat(result.passed()).isFalse();
    }

    @Test
    void pausedRunsWaitAndStepRunsOneStepAtATime() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        ScenarioRunner runner = new ScenarioRunner(RunOptions.defaults()).addListener(recorder(heard));
        runner.control().pause();
        CompletableFuture<ScenarioResult> running =
                CompletableFuture.supplyAsync(() -> runner.run(ScenarioParser.parse("leave.yaml", LEAVE)));

        await().atMost(Duration.ofSeconds(60)).until(() -> heard.contains("started one leave"));
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(heard).doesNotContain("step 0 set-up");
        runner.control().step();
        await().atMost(Duration.ofSeconds(30)).until(() -> heard.contains("finished 0 PASSED"));
        await().atMost(Duration.ofSeconds(5)).until(runner.control()::isPaused);
        assertThat(heard).doesNotContain("step 1 leave alice");
        runner.control().step();
        await().atMost(Duration.ofSeconds(30)).until(() -> heard.contains("finished 1 PASSED"));
        await().atMost(Duration.ofSeconds(5)).until(runner.control()::isPaused);
        assertThat(heard).doesNotContain("step 2 wait until quiet");
        runner.control().resume();

        assertThat(running.get(60, TimeUnit.SECONDS).passed()).isTrue();
    }

    @Test
    void theSameSeedEndsInTheSameState() {
        String churn = """
                name: small churn
                seed: 99
                setup:
                  pools: [{name: room, count: 2}]
                  users: [{name: user, count: 30}]
                  members: {room-*: user-*}
                  matches: [{count: 40, pools: room-*, accepted: 0.25, rejected: 0.25}]
                steps:
                  - churn:
                      operations: 300
                      mix: {join: 0.15, leave: 0.2, rejoin: 0.1, match: 0.3, accept: 0.15, reject: 0.1}
                """;
        ScenarioRunner runner = new ScenarioRunner(RunOptions.defaults());

        ScenarioResult first = runner.run(ScenarioParser.parse("churn.yaml", churn));
        ScenarioResult second = runner.run(ScenarioParser.parse("churn.yaml", churn));

        assertThat(first.passed()).as(String.join("; ", first.failures())).isTrue();
        assertThat(second.figures().orElseThrow().state())
                .isEqualTo(first.figures().orElseThrow().state());
        assertThat(second.steps().get(1).tally()).isEqualTo(first.steps().get(1).tally());
        assertThat(second.figures().orElseThrow().leaves())
                .isEqualTo(first.figures().orElseThrow().leaves());
    }

    @Test
    void aStackAlreadyRunningIsUsedAndLeftRunning() throws Exception {
        try (SystemStack stack = SystemStack.start(StackSettings.defaults())) {
            ScenarioResult result =
                    new ScenarioRunner(RunOptions.defaults()).runOn(ScenarioParser.parse("leave.yaml", LEAVE), stack);

            assertThat(result.passed()).as(String.join("; ", result.failures())).isTrue();
            assertThat(stack.quiescence().isQuiet()).isTrue();
            assertThat(stack.snapshot().pools()).hasSize(1);
        }
    }

    @Test
    void aChurnsFaultsSwitchOnAndOffOnTheScenarioClockAndAreAllOffWhenItEnds() throws Exception {
        Scenario scenario = ScenarioParser.parse("windows.yaml", """
                name: fault windows
                setup:
                  pools: [room]
                  users: [{name: user, count: 10}]
                  members: {room: user-*}
                steps:
                  - churn:
                      duration: 2s
                      rate: 20
                      mix: {leave: 0.5, rejoin: 0.5}
                      faults:
                        - {fault: pubsub delay 100ms, at: 200ms, for: 300ms, every: 800ms}
                """);

        try (SystemStack stack = SystemStack.start(StackSettings.defaults())) {
            ScenarioResult result = new ScenarioRunner(RunOptions.defaults()).runOn(scenario, stack);

            assertThat(result.passed()).as(String.join("; ", result.failures())).isTrue();
            assertThat(result.figures().orElseThrow().faults())
                    .hasSizeBetween(2, 3)
                    .allSatisfy(span -> assertThat(span.fault()).isEqualTo("pubsub delay 100ms"));
            assertThat(result.steps().get(1).detail()).containsPattern("faults switched on [23] times");
            assertThat(stack.faults().active()).isEmpty();
        }
    }

    @DatabaseTest
    void aScenarioRunsOnAFreshDatabaseOfEachKind(TestDatabase database) {
        boolean h2 = database.kind() == TestDatabase.Kind.H2;
        RunOptions options = RunOptions.defaults().withDatabase(h2 ? "h2" : database.jdbcUrl());
        Map<String, String> environment =
                Map.of("DATABASE_USER", database.user(), "DATABASE_PASSWORD", database.password());

        ScenarioResult result = new ScenarioRunner(options, new RunControl(), environment)
                .run(ScenarioParser.parse("leave.yaml", LEAVE));

        assertThat(result.passed()).as(String.join("; ", result.failures())).isTrue();
        assertThat(result.stack()).contains(h2 ? "H2 in memory" : "_scenario_");
    }

    @Test
    void theRunsOptionsDecideOverTheFile() {
        Scenario scenario = ScenarioParser.parse("choice.yaml", """
                name: choice
                stack: {pubsub: google-emulator, time_scale: 50, publishing: disabled}
                """);
        ScenarioRunner runner = new ScenarioRunner(RunOptions.defaults().withPubSub(PubSubBackend.EMBEDDED));

        StackSettings settings = runner.stackSettings(scenario, DatabaseSettings.inMemory());

        assertThat(settings.pubsub()).isEqualTo(PubSubBackend.EMBEDDED);
        assertThat(settings.timeScale()).isEqualTo(50);
        assertThat(settings.publishingEnabled()).isFalse();
    }

    @Test
    void theExternalBackendNeedsTheEmulatorsAddress() {
        ScenarioRunner runner = new ScenarioRunner(
                RunOptions.defaults().withPubSub(PubSubBackend.EXTERNAL), new RunControl(), Map.of());

        assertThatThrownBy(() ->
                        runner.stackSettings(ScenarioParser.parse("a.yaml", "name: a"), DatabaseSettings.inMemory()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PUBSUB_EMULATOR_HOST");
    }

    @Test
    void aDatabaseThatCannotHoldScenariosIsRefusedSayingWhichCan() {
        ScenarioResult result = new ScenarioRunner(RunOptions.defaults().withDatabase("jdbc:postgresql://127.0.0.1/x"))
                .run(ScenarioParser.parse("a.yaml", "name: a"));

        assertThat(result.passed()).isFalse();
        assertThat(result.error())
                .hasValueSatisfying(error ->
                        assertThat(error).contains("cannot hold scenarios: use h2, or a MySQL or MariaDB server"));
    }

    private static RunListener recorder(List<String> heard) {
        return new RunListener() {
            @Override
            public void scenarioStarted(Scenario scenario, SystemStack stack) {
                heard.add("started " + scenario.name());
            }

            @Override
            public void stepStarted(int number, String label, Optional<Step> step) {
                heard.add("step " + number + " " + label);
            }

            @Override
            public void stepFinished(StepResult result) {
                heard.add("finished " + result.number() + " " + result.verdict());
            }

            @Override
            public void leaveCleanedUp(LeaveLatency leave) {
                heard.add("cleaned " + leave.eventId());
            }

            @Override
            public void expectationChecked(ExpectationResult result) {
                heard.add("expectation " + result.label());
            }

            @Override
            public void scenarioFinished(ScenarioResult result) {
                heard.add("finished " + result.name());
            }
        };
    }
}
