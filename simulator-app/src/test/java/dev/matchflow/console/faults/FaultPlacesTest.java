package dev.matchflow.console.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.console.topology.ComponentState;
import dev.matchflow.faults.ActiveFault;
import dev.matchflow.faults.Fault;
import dev.matchflow.faults.FaultComponent;
import dev.matchflow.stack.Component;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlacesTest {

    @Test
    void eachFaultablePartSitsBehindThePartsOfTheDiagramItStrikes() {
        assertThat(FaultPlaces.behind(Component.MATCHES))
                .containsExactly(FaultComponent.MATCHES, FaultComponent.DATABASE);
        assertThat(FaultPlaces.behind(Component.TOPIC)).containsExactly(FaultComponent.PUBSUB);
        assertThat(FaultPlaces.behind(Component.CLIENT)).isEmpty();
        for (FaultComponent part : FaultComponent.values()) {
            assertThat(Component.values())
                    .as("%s has a place in the diagram", part)
                    .anyMatch(component -> FaultPlaces.behind(component).contains(part));
        }
    }

    @Test
    void aPartShowsTheWorstStateItsFaultsPutItIn() {
        List<ActiveFault> active = List.of(
                on(Fault.parse("matches slow 200ms")),
                on(Fault.parse("database down")),
                on(Fault.parse("function crash 0.5")),
                on(Fault.parse("pubsub delay 2s")));

        assertThat(FaultPlaces.states(active))
                .containsEntry(Component.MATCHES, ComponentState.DOWN)
                .containsEntry(Component.FUNCTION, ComponentState.FAILING)
                .containsEntry(Component.SUBSCRIPTION, ComponentState.SLOW)
                .doesNotContainKey(Component.POOLS);
    }

    private static ActiveFault on(Fault fault) {
        return new ActiveFault(fault, Instant.now());
    }
}
