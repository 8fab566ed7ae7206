package dev.matchflow.console.faults;

import dev.matchflow.console.topology.ComponentState;
import dev.matchflow.faults.ActiveFault;
import dev.matchflow.faults.FaultComponent;
import dev.matchflow.faults.FaultKind;
import dev.matchflow.stack.Component;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Where in the diagram each fault strikes, and what state it puts the part in. */
public final class FaultPlaces {

    private FaultPlaces() {}

    /** The faultable parts behind a part of the diagram; none for the clients and the dead-letter topic. */
    public static List<FaultComponent> behind(Component component) {
        return switch (component) {
            case USER_MATCH -> List.of(FaultComponent.USER_MATCH);
            case POOLS -> List.of(FaultComponent.POOLS);
            case MATCHES -> List.of(FaultComponent.MATCHES, FaultComponent.DATABASE);
            case FUNCTION -> List.of(FaultComponent.FUNCTION);
            case TRIGGER -> List.of(FaultComponent.TRIGGER);
            case OUTBOX, TOPIC, SUBSCRIPTION -> List.of(FaultComponent.PUBSUB);
            case CLIENT, DEAD_LETTER_TOPIC -> List.of();
        };
    }

    /** The state each part of the diagram is in because of {@code active}: the worst its faults cause. */
    public static Map<Component, ComponentState> states(List<ActiveFault> active) {
        Map<Component, ComponentState> states = new EnumMap<>(Component.class);
        for (Component component : Component.values()) {
            for (ActiveFault fault : active) {
                if (behind(component).contains(fault.fault().component())) {
                    states.merge(component, stateOf(fault.fault().kind()), ComponentState::worse);
                }
            }
        }
        return states;
    }

    private static ComponentState stateOf(FaultKind kind) {
        return switch (kind) {
            case DOWN -> ComponentState.DOWN;
            case SLOW, DELAY -> ComponentState.SLOW;
            case FAILING, CRASH, CRASH_BEFORE_OUTBOX, CLEANUP_ERROR, DUPLICATE, REORDER -> ComponentState.FAILING;
        };
    }
}
