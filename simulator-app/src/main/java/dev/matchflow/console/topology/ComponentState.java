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

    public String styleClass() {
        return "state-" + label();
    }
}
