package dev.matchflow.scenarios.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.matchflow.invariants.Invariant;
import dev.matchflow.pubsub.PubSubBackend;
import dev.matchflow.scenarios.language.ChurnSpec.Operation;
import dev.matchflow.scenarios.language.Expectations.Bound;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {

    private static final String PLAIN_LEAVE = """
            # A plain leave: the leaver's waiting and rejected matches go,
            # the accepted one stays.
            name: plain leave
            seed: 7
            stack:
              pubsub: embedded
              time_scale: 100
            setup:
              pools:
                - evening
                - {name: storm, count: 3, capacity: 50}
              users:
                - {name: player, count: 6}
              members:
                evening: [alice, bob, carol]
                storm-*: player-*
              matches:
                - {name: ab, pool: evening, users: [alice, bob]}
                - {name: ac, pool: evening, users: [alice, carol], status: rejected}
                - {name: ba, pool: evening, users: [bob, alice], decisions: {bob: accept, alice: accept}}
                - {count: 10, pools: storm-*, accepted: 0.5}
            steps:
              - leave: alice
              - leave: bob
                expect: 404
              - wait: quiet
              - wait: 250ms
            expect:
              matches:
                - {user: alice, status: waiting, count: 0}
                - {match: ba, is: accepted}
              dead_letters: 0
              leaves: at least 1
              rejected_messages: {reason: not_json, count: fewer than 2}
              leave_to_cleanup: {p50: 1s, p99: 2.5s}
            """;

    @Test
    void aScenarioReadsWithEveryNameResolved() {
        Scenario scenario = ScenarioParser.parse("plain-leave.yaml", PLAIN_LEAVE);

        assertThat(scenario.name()).isEqualTo("plain leave");
        assertThat(scenario.description())
                .isEqualTo("A plain leave: the leaver's waiting and rejected matches go,\nthe accepted one stays.");
        assertThat(scenario.seed()).isEqualTo(7);
        assertThat(scenario.stack().pubsub()).contains(PubSubBackend.EMBEDDED);
        assertThat(scenario.stack().timeScale()).isEqualTo(100);
        assertThat(scenario.setup().pools())
                .extracting(Setup.PoolSpec::name)
                .containsExactly("evening", "storm-1", "storm-2", "storm-3");
        assertThat(scenario.setup().users()).startsWith("player-1").contains("alice", "bob", "carol");
        assertThat(scenario.setup().members().get(1).poolOf(4)).isEqualTo("storm-2");
        assertThat(scenario.setup().matches()).hasSize(4);
        assertThat(((MatchSpec.Named) scenario.setup().matches().get(1)).decisions())
                .extracting(MatchSpec.DecisionSpec::choice)
                .containsExactly(MatchSpec.Choice.ACCEPT, MatchSpec.Choice.REJECT);
        assertThat(scenario.steps())
                .extracting(Step::label)
                .containsExactly("leave alice", "leave bob", "wait until quiet", "wait 250ms");
        assertThat(scenario.steps().get(1).expected().accepts(404)).isTrue();
        assertThat(scenario.steps().get(1).line()).isEqualTo(24);
    }

    @Test
    void expectationsReadTheirBoundsAndInvariantsDefaultToAll() {
        Expectations expect =
                ScenarioParser.parse("plain-leave.yaml", PLAIN_LEAVE).expectations();

        assertThat(expect.invariants().hold()).containsExactlyInAnyOrder(Invariant.values());
        assertThat(expect.counts())
                .extracting(Expectations.CountExpectation::label)
                .containsExactly(
                        "matches (user alice, status waiting): exactly 0",
                        "leaves: at least 1",
                        "dead letters: exactly 0",
                        "rejected messages (reason not_json): fewer than 2");
        assertThat(expect.matchStates())
                .singleElement()
                .satisfies(state -> assertThat(state.state()).isEqualTo("accepted"));
        assertThat(expect.latency())
                .extracting(Expectations.LatencyBound::limit)
                .containsExactly(Duration.ofSeconds(1), Duration.ofMillis(2500));
        assertThat(new Bound(Bound.Comparison.FEWER_THAN, 2).admits(2)).isFalse();
    }

    @Test
    void aScenarioWithoutExpectationsChecksEveryInvariant() {
        Scenario scenario = ScenarioParser.parse("least.yaml", "name: least\n");

        assertThat(scenario.expectations().invariants().checked()).containsExactly(Invariant.values());
        assertThat(scenario.seed()).isEqualTo(1);
        assertThat(scenario.steps()).isEmpty();
    }

    @Test
    void violatedInvariantsMustBeViolatedAndTheRestMustHold() {
        Scenario scenario = ScenarioParser.parse("disabled.yaml", """
                name: disabled
                expect:
                  invariants: {violated: [no-orphaned-matches]}
                """);

        assertThat(scenario.expectations().invariants().violated()).containsExactly(Invariant.NO_ORPHANED_MATCHES);
        assertThat(scenario.expectations().invariants().hold())
                .hasSize(5)
                .doesNotContain(Invariant.NO_ORPHANED_MATCHES);
    }

    @Test
    void aChurnReadsItsMixRateAndPools() {
        Scenario scenario = ScenarioParser.parse("churn.yaml", """
                name: churn
                setup:
                  pools: [lobby]
                  members:
                    lobby: [a, b, c]
                steps:
                  - churn:
                      operations: 1000
                      rate: 3000/min
                      mix: {join: 0.2, leave: 0.2, rejoin: 0.1, match: 0.3, accept: 0.1, reject: 0.1}
                """);

        ChurnSpec churn = ((Step.Churn) scenario.steps().get(0)).churn();
        assertThat(churn.users()).containsExactly("a", "b", "c");
        assertThat(churn.pools()).containsExactly("lobby");
        assertThat(churn.rate().getAsDouble()).isEqualTo(50.0);
        assertThat(churn.mix()).containsEntry(Operation.REJOIN, 0.1).hasSize(6);
        assertThat(churn.concurrency()).isEqualTo(16);
    }

    @Test
    void aPublishBuildsItsEventFieldsInOrder() {
        Scenario scenario = ScenarioParser.parse("publish.yaml", """
                name: publish
                setup:
                  pools: [evening]
                  members: {evening: [alice]}
                steps:
                  - publish: {event_type: user_left_pool, event_id: none, user: alice, pool: evening, timestamp: none}
                  - publish: {data: 'not json ${user:alice}', times: 2}
                """);

        Step.Publish event = (Step.Publish) scenario.steps().get(0);
        Step.Publish raw = (Step.Publish) scenario.steps().get(1);
        assertThat(event.message().fields()).containsOnlyKeys("event_type", "pool_id", "user_id");
        assertThat(event.message().attributes().standard()).isTrue();
        assertThat(event.label()).isEqualTo("publish user_left_pool of alice");
        assertThat(raw.message().data()).contains("not json ${user:alice}");
        assertThat(raw.times()).isEqualTo(2);
    }

    @Test
    void anUnknownStepIsNamedWithItsLineAndTheClosestAction() {
        ScenarioFileException refused = refused("""
                name: typo
                setup:
                  members: {evening: [alice]}
                steps:
                  - levae: alice
                """);

        assertThat(refused.problems()).hasSize(2);
        assertThat(refused.problems().get(0).toString())
                .isEqualTo("bad.yaml:3:13: unknown pool 'evening'; declare it" + " under setup.pools");
        assertThat(refused.problems().get(1).toString())
                .startsWith("bad.yaml:5:5: unknown step 'levae'; expected one of: join, leave,")
                .endsWith("(did you mean 'leave'?)");
    }

    @Test
    void everyProblemOfAFileIsReportedInFileOrder() {
        ScenarioFileException refused = refused("""
                name: many problems
                seed: lots
                setup:
                  pools: [evening]
                  members: {evening: [alice, bob]}
                steps:
                  - leave: alcie
                  - wait: 5 seconds
                  - churn: {operations: 10, mix: {join: 0.5, leave: 0.4}}
                expect:
                  leaves: about 3
                """);

        assertThat(refused.problems()).extracting(Problem::line).containsExactly(2, 7, 8, 9, 11);
        assertThat(refused.problems().get(1).message())
                .isEqualTo("unknown user 'alcie'; declare it under setup.users or as a member of a pool in"
                        + " setup.members (did you mean 'alice'?)");
        assertThat(refused.problems().get(2).message()).contains("as a duration with a unit");
        assertThat(refused.problems().get(3).message())
                .isEqualTo("the mix's probabilities add up to 0.900; they must" + " add up to 1");
        assertThat(refused.problems().get(4).message()).contains("'at least 3'");
    }

    @Test
    void invalidYamlIsRefusedAtTheLineOfTheProblem() {
        ScenarioFileException refused = refused("name: broken\nsteps:\n  - leave: [alice\n");

        assertThat(refused.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.message()).startsWith("not valid YAML: ");
        });
    }

    @Test
    void aUserCanBeInOnePoolOnly() {
        ScenarioFileException refused = refused("""
                name: twice
                setup:
                  pools: [a, b]
                  members:
                    a: [alice]
                    b: [alice]
                """);

        assertThat(refused.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.toString())
                        .isEqualTo(
                                "bad.yaml:6:8: user alice is already a member of a pool (line 5); a user is in at most"
                                        + " one pool"));
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        ScenarioFileException refused = refused("name: a\nname: b\n");

        assertThat(refused.getMessage())
                .isEqualTo("bad.yaml:2:1: 'name' is given twice in this mapping (first at line 1)");
    }

    @Test
    void anEmptyFileNeedsAName() {
        assertThat(refused("# nothing but a comment\n").getMessage())
                .isEqualTo("bad.yaml: the file is empty; a scenario needs at least a name");
        assertThat(refused("- a list\n").getMessage())
                .isEqualTo("bad.yaml:1:1: expected a scenario as a mapping (key: value lines), found a list");
    }

    @Test
    void matchStepsDeclareNamesForLaterSteps() {
        Scenario scenario = ScenarioParser.parse("later.yaml", """
                name: later
                setup:
                  pools: [evening]
                  members: {evening: [alice, bob]}
                steps:
                  - match: {name: late, pool: evening, users: [alice, bob]}
                  - accept: {match: late, user: alice}
                """);

        assertThat(scenario.steps())
                .extracting(Step::label)
                .containsExactly("match late (alice and bob in evening)", "alice accepts late");
        assertThat(refused("""
                name: early
                setup:
                  pools: [evening]
                  members: {evening: [alice, bob]}
                steps:
                  - accept: {match: late, user: alice}
                  - match: {name: late, pool: evening, users: [alice, bob]}
                """).problems()).extracting(Problem::line).containsExactly(6);
    }

    @Test
    void faultStepsRedriveAndReconcileRead() {
        Scenario scenario = ScenarioParser.parse("faults.yaml", """
                name: faults
                steps:
                  - fault_on: matches failing 0.3 status 503
                  - fault_off: matches failing
                  - redrive
                  - reconcile:
                    expect: failure
                  - fault_off: all
                """);

        assertThat(scenario.steps())
                .extracting(Step::label)
                .containsExactly(
                        "fault on: matches failing 0.3 status 503",
                        "fault off: matches failing",
                        "redrive dead letters",
                        "reconcile",
                        "fault off: all");
        assertThat(scenario.steps().get(3).expected().accepts(503)).isTrue();
    }

    @Test
    void aFaultIsCheckedAsTheStackWillReadIt() {
        ScenarioFileException refused = refused("""
                name: bad faults
                setup:
                  pools: [p]
                  members: {p: [a, b]}
                steps:
                  - fault_on: matches sideways
                  - fault_off: kafka
                  - redrive: now
                  - churn:
                      operations: 10
                      mix: {leave: 1}
                      faults:
                        - {fault: pubsub delay 2s, for: 5s, every: 5s}
                """);

        assertThat(refused.problems()).extracting(Problem::line).containsExactly(6, 7, 8, 13);
        assertThat(refused.problems().get(0).message()).startsWith("not a fault: ");
        assertThat(refused.problems().get(1).message()).contains("'kafka' is not a component that takes faults");
        assertThat(refused.problems().get(2).message()).isEqualTo("'redrive' takes no value; write '- redrive'");
        assertThat(refused.problems().get(3).message())
                .isEqualTo("a fault that comes back every 5s must stay on for less than that, not 5s");
    }

    private static ScenarioFileException refused(String text) {
        return catchThrowableOfType(ScenarioFileException.class, () -> ScenarioParser.parse("bad.yaml", text));
    }
}
