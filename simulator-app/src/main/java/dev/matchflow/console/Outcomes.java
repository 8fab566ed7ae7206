package dev.matchflow.console;

import dev.matchflow.stack.FlowOutcome;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.paint.Color;

/** How the screens show a hop's outcome: a word, a colour and a style class, the same everywhere. */
public final class Outcomes {

    private Outcomes() {}

    /** {@code ok}, {@code retried}, {@code rejected}, {@code dead-lettered}, {@code failed}. */
    public static String label(FlowOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static final Map<FlowOutcome, PseudoClass> PSEUDO_CLASSES = new EnumMap<>(FlowOutcome.class);

    static {
        for (FlowOutcome outcome : FlowOutcome.values()) {
            PSEUDO_CLASSES.put(outcome, PseudoClass.getPseudoClass(label(outcome)));
        }
    }

    /**
     * Marks {@code node} with the pseudo-class of {@code outcome} (for example {@code :retried}) and clears the
     * others; null clears them all. Pseudo-classes, unlike style classes, change a row's look without making JavaFX
     * restyle it from scratch, which matters for rows that scroll past many times a second.
     */
    public static void mark(Node node, FlowOutcome outcome) {
        PSEUDO_CLASSES.forEach((value, pseudoClass) -> node.pseudoClassStateChanged(pseudoClass, value == outcome));
    }

    /** The colour of a token with this outcome on the topology. */
    public static Color color(FlowOutcome outcome) {
        return switch (outcome) {
            case OK -> Color.web("#2da44e");
            case RETRIED -> Color.web("#d4a72c");
            case REJECTED -> Color.web("#8250df");
            case DEAD_LETTERED -> Color.web("#cf222e");
            case FAILED -> Color.web("#fa4549");
        };
    }
}
