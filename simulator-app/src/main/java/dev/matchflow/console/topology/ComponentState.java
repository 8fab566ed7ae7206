package dev.matchflow.console.topology;

import java.util.Locale;

/** How a part of the system is doing, as its recent hops tell. */
public enum ComponentState {
    UP,
    SLOW,
    FAILING,
    DOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of this state and {@code other}: down, then failing, then slow, then up. */
    public ComponentState worse(ComponentState other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public String styleClass() {
        return "state-" + label();
    }
}
