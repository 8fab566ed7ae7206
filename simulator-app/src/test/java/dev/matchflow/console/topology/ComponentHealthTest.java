package dev.matchflow.console.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.stack.Component;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ComponentHealthTest {

    private static final long SECOND = 1_000_000_000L;

    private final ComponentHealth health = new ComponentHealth();

    @Test
    void aPartNobodyCalledIsUp() {
        assertThat(health.stateOf(Component.MATCHES, 0)).isEqualTo(ComponentState.UP);
    }

    @Test
    void aPartWhoseLastCallsAllFailedIsDown() {
        health.record(call(Component.MATCHES, FlowOutcome.OK, 5), 0);
        for (int i = 1; i <= 3; i++) {
            health.record(call(Component.MATCHES, FlowOutcome.RETRIED, 5), i);
        }

        assertThat(health.stateOf(Component.MATCHES, 4)).isEqualTo(ComponentState.DOWN);
        assertThat(health.summary(Component.MATCHES, 4)).isEqualTo("4 calls in the last 5 s, 3 failed, median 5 ms");
    }

    @Test
    void aPartWithSomeFailedCallsIsFailing() {
        health.record(call(Component.POOLS, FlowOutcome.FAILED, 5), 0);
        for (int i = 1; i <= 4; i++) {
            health.record(call(Component.POOLS, FlowOutcome.OK, 5), i);
        }

        assertThat(health.stateOf(Component.POOLS, 5)).isEqualTo(ComponentState.FAILING);
    }

    @Test
    void aPartWhoseCallsTakeHalfASecondIsSlowUntilTheyAgeOut() {
        for (int i = 0; i < 3; i++) {
            health.record(call(Component.FUNCTION, FlowOutcome.OK, 700), i);
        }

        assertThat(health.stateOf(Component.FUNCTION, 10)).isEqualTo(ComponentState.SLOW);
        assertThat(health.stateOf(Component.FUNCTION, 6 * SECOND)).isEqualTo(ComponentState.UP);
    }

    @Test
    void whatBecomesOfAMessageSaysNothingAboutThePartsThatHandledIt() {
        health.record(hop(Component.SUBSCRIPTION, Component.SUBSCRIPTION, FlowOutcome.RETRIED), 0);
        health.record(hop(Component.SUBSCRIPTION, Component.DEAD_LETTER_TOPIC, FlowOutcome.DEAD_LETTERED), 0);
        health.record(hop(Component.FUNCTION, Component.FUNCTION, FlowOutcome.REJECTED), 0);

        assertThat(health.stateOf(Component.SUBSCRIPTION, 1)).isEqualTo(ComponentState.UP);
        assertThat(health.stateOf(Component.DEAD_LETTER_TOPIC, 1)).isEqualTo(ComponentState.UP);
        assertThat(health.stateOf(Component.FUNCTION, 1)).isEqualTo(ComponentState.UP);
    }

    private static FlowEvent call(Component to, FlowOutcome outcome, long millis) {
        return new FlowEvent(
                1,
                Instant.now(),
                Component.CLIENT,
                to,
                "call",
                outcome,
                null,
                null,
                null,
                null,
                null,
                Duration.ofMillis(millis),
                "");
    }

    private static FlowEvent hop(Component from, Component to, FlowOutcome outcome) {
        return new FlowEvent(
                1, Instant.now(), from, to, "hop", outcome, null, null, null, null, null, Duration.ZERO, "");
    }
}
