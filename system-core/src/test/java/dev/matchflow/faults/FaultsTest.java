package dev.matchflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.matchflow.http.ApiException;
import dev.matchflow.http.RequestGate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FaultsTest {

    @Test
    void theSameSeedMakesTheSameCallsFail() {
        List<Boolean> first = failuresOf(new FaultInjection(42, new SimpleMeterRegistry()), 200);
        List<Boolean> again = failuresOf(new FaultInjection(42, new SimpleMeterRegistry()), 200);
        List<Boolean> otherSeed = failuresOf(new FaultInjection(43, new SimpleMeterRegistry()), 200);

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first.stream().filter(failed -> failed).count()).isBetween(40L, 80L);
    }

    @Test
    void switchingOnReplacesTheFaultOfTheSameKind() {
        Faults faults = new FaultInjection(0, new SimpleMeterRegistry()).controls();

        faults.on("matches slow 100ms");
        faults.on("matches slow 300ms");
        faults.on("matches failing 0.5");

        assertThat(faults.active())
                .extracting(active -> active.fault().describe())
                .containsExactly("matches slow 300ms", "matches failing 0.5 status 503");
    }

    @Test
    void switchingOffNamesAComponentAKindOrAll() {
        Faults faults = new FaultInjection(0, new SimpleMeterRegistry()).controls();
        faults.on("matches slow 100ms");
        faults.on("matches failing 0.5");
        faults.on("pubsub publish-outage");
        faults.on("pubsub delay 1s");

        assertThat(faults.off("matches failing 0.5 status 503")).isEqualTo(1);
        assertThat(faults.off("pubsub publish-outage")).isEqualTo(1);
        assertThat(faults.off("matches")).isEqualTo(1);
        assertThat(faults.off("matches")).isZero();
        assertThat(faults.active())
                .extracting(active -> active.fault().describe())
                .containsExactly("pubsub delay 1s");
        assertThat(faults.off("all")).isEqualTo(1);
        assertThat(faults.active()).isEmpty();
    }

    @Test
    void listenersHearEveryChange() throws Exception {
        Faults faults = new FaultInjection(0, new SimpleMeterRegistry()).controls();
        List<String> heard = new CopyOnWriteArrayList<>();

        try (AutoCloseable subscription = faults.subscribe(change -> heard.add(change.describe()))) {
            faults.on("trigger failing 0.2");
            faults.off("trigger failing");
            faults.off("trigger failing");
        }
        faults.on("trigger slow 10ms");

        assertThat(heard).containsExactly("fault on: trigger failing 0.2", "fault off: trigger failing 0.2");
    }

    @Test
    void aFaultTheStackCannotInjectIsRefusedAndChangesNothing() {
        FaultInjection injection = new FaultInjection(0, new SimpleMeterRegistry());
        injection.refuse(FaultComponent.PUBSUB, FaultKind.DOWN, "no relay in front of Google Cloud");

        assertThatThrownBy(() -> injection.controls().on("pubsub down"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("'pubsub down' cannot be injected here: no relay in front of Google Cloud");
        assertThat(injection.controls().active()).isEmpty();
    }

    @Test
    void aSwitchThatFailsLeavesTheFaultAsItWas() {
        FaultInjection injection = new FaultInjection(0, new SimpleMeterRegistry());
        injection.whenSwitched(FaultComponent.TRIGGER, FaultKind.DOWN, down -> {
            throw new IllegalStateException("the trigger cannot stop");
        });

        assertThatThrownBy(() -> injection.controls().on("trigger down")).hasMessage("the trigger cannot stop");
        assertThat(injection.controls().active()).isEmpty();
    }

    private static List<Boolean> failuresOf(FaultInjection injection, int calls) {
        injection.controls().on("matches failing 0.3");
        RequestGate gate = injection.requestGate(FaultComponent.MATCHES);
        List<Boolean> failed = new ArrayList<>();
        for (int call = 0; call < calls; call++) {
            failed.add(admitted(gate).isPresent());
        }
        return failed;
    }

    private static Optional<ApiException> admitted(RequestGate gate) {
        try {
            gate.admit("GET", "/matches");
            return Optional.empty();
        } catch (ApiException e) {
            return Optional.of(e);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
