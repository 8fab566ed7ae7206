package dev.matchflow.faults;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import java.util.Optional;

/**
 * The cleanup function as its host runs it while faults are on: slow, it takes longer; crashing, it throws before it
 * does anything, so its host answers 500 and the delivery is retried.
 */
final class FunctionFaults implements CloudEventsFunction {

    private final CloudEventsFunction function;
    private final FaultBoard board;

    FunctionFaults(CloudEventsFunction function, FaultBoard board) {
        this.function = function;
        this.board = board;
    }

    @Override
    public void accept(CloudEvent event) throws Exception {
        Optional<ArmedFault> slow = board.armed(FaultComponent.FUNCTION, FaultKind.SLOW);
        if (slow.isPresent()) {
            slow.get().hold();
        }
        Optional<ArmedFault> crash = board.armed(FaultComponent.FUNCTION, FaultKind.CRASH);
        if (crash.isPresent() && crash.get().strikes()) {
            throw new SimulatedCrash("the cleanup function crashed on CloudEvent " + event.getId() + " (fault '"
                    + crash.get().fault() + "')");
        }
        function.accept(event);
    }

    @Override
    public String toString() {
        return function.getClass().getSimpleName();
    }

    /** A crash on purpose; its stack trace would only show this class, so it has none. */
    static final class SimulatedCrash extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SimulatedCrash(String message) {
            super(message, null, false, false);
        }
    }
}
