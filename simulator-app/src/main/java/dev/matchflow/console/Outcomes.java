package dev.matchflow.console;

import dev.matchflow.stack.FlowOutcome;
import java.util.Locale;
import javafx.scene.paint.Color;

/** How the screens show a hop's outcome: a word, a colour and a style class, the same everywhere. */
public final class Outcomes {

    private Outcomes() {}

    /** {@code ok}, {@code retried}, {@code rejected}, {@code dead-lettered}, {@code failed}. */
    public static String label(FlowOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The style class of rows and badges with this outcome, for example {@code outcome-retried}. */
    public static String styleClass(FlowOutcome outcome) {
        return "outcome-" + label(outcome);
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
