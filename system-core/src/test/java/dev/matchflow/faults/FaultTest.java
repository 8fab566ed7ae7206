package dev.matchflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultTest {

    @Test
    void aSlowServiceReadsLatencyAndJitter() {
        Fault fault = Fault.parse("matches slow 200ms jitter 50ms");

        assertThat(fault).isEqualTo(Fault.slow(FaultComponent.MATCHES, Duration.ofMillis(200), Duration.ofMillis(50)));
        assertThat(fault.parameters().latency()).isEqualTo(Duration.ofMillis(200));
        assertThat(fault.parameters().jitter()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void aFailingServiceAnswers503UnlessToldOtherwise() {
        Fault failing = Fault.parse("matches failing 0.3");
        Fault answering500 = Fault.parse("pools failing 30% status 500");
        Fault cutting = Fault.parse("usermatch failing 0.5 reset");

        assertThat(failing.parameters().probability()).isEqualTo(0.3);
        assertThat(failing.parameters().status()).isEqualTo(OptionalInt.of(503));
        assertThat(answering500.parameters().probability()).isEqualTo(0.3);
        assertThat(answering500.parameters().status()).isEqualTo(OptionalInt.of(500));
        assertThat(cutting.parameters().reset()).isTrue();
        assertThat(cutting.parameters().status()).isEmpty();
    }

    @Test
    void aFaultWithoutProbabilityAlwaysStrikes() {
        assertThat(Fault.parse("function crash").parameters().probability()).isEqualTo(1.0);
        assertThat(Fault.parse("usermatch crash-before-outbox").parameters().probability())
                .isEqualTo(1.0);
        assertThat(Fault.parse("database cleanup-error").parameters().probability())
                .isEqualTo(1.0);
    }

    @Test
    void aliasesNameTheKindTheComponentHas() {
        assertThat(Fault.parse("pubsub publish-outage")).isEqualTo(Fault.publishOutage());
        assertThat(Fault.parse("function failing 0.5")).isEqualTo(Fault.functionCrash(0.5));
        assertThat(Fault.parse("database failing 0.5")).isEqualTo(Fault.cleanupError(0.5));
        assertThat(Fault.parse("User_Match DOWN")).isEqualTo(Fault.down(FaultComponent.USER_MATCH));
    }

    @Test
    void pubSubDeliveryFaultsFillInTheirDefaults() {
        assertThat(Fault.parse("pubsub delay 2s").parameters().delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(Fault.parse("pubsub duplicate").parameters().copies()).isEqualTo(2);
        assertThat(Fault.parse("pubsub duplicate 3").parameters().copies()).isEqualTo(3);
        assertThat(Fault.parse("pubsub reorder").parameters().window()).isEqualTo(Duration.ofMillis(500));
        assertThat(Fault.parse("pubsub reorder 1.5s").parameters().window()).isEqualTo(Duration.ofMillis(1500));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "matches down",
                "matches down status 503",
                "pools slow 200ms jitter 50ms",
                "usermatch failing 0.3 status 503",
                "usermatch failing 0.25 reset",
                "usermatch crash-before-outbox 0.5",
                "function down",
                "function slow 1s",
                "function crash 0.5",
                "trigger down",
                "trigger slow 100ms",
                "trigger failing 0.2",
                "pubsub down",
                "pubsub slow 50ms",
                "pubsub delay 2s",
                "pubsub duplicate 3",
                "pubsub reorder 800ms",
                "database down",
                "database slow 300ms",
                "database cleanup-error 0.5"
            })
    void everyFaultReadsBackFromItsTextAndItsMap(String text) {
        Fault fault = Fault.parse(text);

        assertThat(fault.describe()).isEqualTo(text);
        assertThat(Fault.fromMap(fault.toMap())).isEqualTo(fault);
        assertThat(fault.explain()).isNotBlank();
    }

    @Test
    void aMapMayHoldNumbers() {
        Fault fault =
                Fault.fromMap(Map.of("component", "matches", "kind", "failing", "probability", 0.3, "status", 500));

        assertThat(fault).isEqualTo(Fault.parse("matches failing 0.3 status 500"));
        assertThat(fault.toMap())
                .containsEntry("component", "matches")
                .containsEntry("kind", "failing")
                .containsEntry("probability", "0.3")
                .containsEntry("status", "500");
    }

    @Test
    void aComponentRefusesAKindItDoesNotTake() {
        assertThatThrownBy(() -> Fault.parse("matches duplicate 2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matches cannot be 'duplicate'; its faults are: down, slow, failing");
    }

    @Test
    void badTextsSayWhatWasExpected() {
        assertThatThrownBy(() -> Fault.parse("matches")).hasMessageContaining("write a component and a kind of fault");
        assertThatThrownBy(() -> Fault.parse("mongodb down"))
                .hasMessage("'mongodb' is not a component that takes faults; name one of usermatch, pools, matches,"
                        + " function, trigger, pubsub, database");
        assertThatThrownBy(() -> Fault.parse("matches sluggish")).hasMessageStartingWith("'sluggish' is not a kind");
        assertThatThrownBy(() -> Fault.parse("matches slow fast")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Fault.parse("matches failing 1.5"))
                .hasMessageContaining("must be above 0 and at most 1");
        assertThatThrownBy(() -> Fault.parse("matches failing 0.5 status 404"))
                .hasMessage("status 404 must be 500 or 503");
        assertThatThrownBy(() -> Fault.parse("matches slow 100ms jitter 200ms"))
                .hasMessage("jitter 200ms must be between 0 and the latency, 100ms");
        assertThatThrownBy(() -> Fault.parse("trigger failing 0.5 status 503"))
                .hasMessageContaining("status and reset apply to usermatch, pools and matches");
        assertThatThrownBy(() -> Fault.parse("matches slow 100ms status 503"))
                .hasMessageContaining("'slow' takes no 'status'");
        assertThatThrownBy(() -> Fault.parse("pubsub duplicate 1")).hasMessage("copies 1 must be from 2 to 10");
        assertThatThrownBy(() -> Fault.parse("matches failing 0.5 status"))
                .hasMessage("status needs a value: 500 or 503");
    }
}
