package dev.matchflow.scenarios.language;

import dev.matchflow.faults.Fault;
import dev.matchflow.faults.FaultComponent;
import dev.matchflow.scenarios.language.ChurnSpec.FaultWindow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads faults as the stack's faults take them: {@code matches failing 0.3 status 503}, {@code pubsub delay 2s}. */
final class FaultReader {

    private static final List<String> WINDOW_KEYS = List.of("fault", "at", "for", "every");

    private FaultReader() {}

    /** A fault to switch on, checked as the stack will read it. */
    static String fault(YamlValue value) {
        String text = value.text("a fault such as 'matches down' or 'pubsub delay 2s'");
        try {
            Fault.parse(text);
        } catch (IllegalArgumentException e) {
            throw value.bad("not a fault: " + e.getMessage());
        }
        return text;
    }

    /**
     * What to switch off: {@code all}, a component, or a component and a kind (the text that switched it on will
     * do). The component is checked here; the kind when the step runs, which names the kinds the component takes.
     */
    static String faultsOff(YamlValue value) {
        String text = value.text("the faults to switch off: all, a component, or a fault");
        String component = text.split("\\s+")[0];
        if (!component.equalsIgnoreCase("all")) {
            try {
                FaultComponent.named(component);
            } catch (IllegalArgumentException e) {
                throw value.bad(e.getMessage() + ", or write all");
            }
        }
        return text;
    }

    /** {@code {fault: matches down, at: 5s, for: 2s, every: 20s}}. */
    static FaultWindow window(YamlValue value) {
        YamlMap window = value.map("a fault window (fault, at, for, every)").allowOnly("a fault window", WINDOW_KEYS);
        String fault = fault(window.require("fault", "a fault window"));
        Duration at = window.get("at")
                .map(time -> time.duration("when the fault goes on"))
                .orElse(Duration.ZERO);
        Duration lasting = window.require("for", "a fault window").duration("how long the fault stays on");
        Optional<Duration> every = window.get("every").map(time -> time.duration("how often the fault comes back"));
        if (lasting.isZero()) {
            throw window.key("for").bad("a fault window lasts longer than 0s");
        }
        if (every.isPresent() && every.get().compareTo(lasting) <= 0) {
            throw window.key("every")
                    .bad("a fault that comes back every " + Names.duration(every.get())
                            + " must stay on for less than that, not " + Names.duration(lasting));
        }
        return new FaultWindow(fault, at, lasting, every);
    }
}
