package dev.matchflow.faults;

/** What a fault does, in a sentence for an operator, a log line or a console tooltip. */
final class FaultStory {

    private FaultStory() {}

    static String of(Fault fault) {
        FaultComponent component = fault.component();
        FaultParameters parameters = fault.parameters();
        String name = component.displayName();
        return switch (fault.kind()) {
            case DOWN -> down(component, parameters);
            case SLOW -> slow(component, parameters);
            case FAILING ->
                component == FaultComponent.TRIGGER
                        ? percent(parameters) + " of the trigger's deliveries go back to Pub/Sub without reaching the"
                                + " function"
                        : percent(parameters) + " of the requests to " + name + " are "
                                + (parameters.reset()
                                        ? "cut off: the connection drops without an answer"
                                        : "answered " + parameters.status().orElseThrow());
            case CRASH -> "the cleanup function throws on " + percent(parameters) + " of its invocations";
            case CRASH_BEFORE_OUTBOX ->
                "User-Match dies in " + percent(parameters)
                        + " of the leaves, after Pools ended the membership and before the event is stored";
            case CLEANUP_ERROR ->
                percent(parameters)
                        + " of the cleanup transactions fail in the database after their deletions, and roll back";
            case DELAY -> "every message reaches the trigger " + FaultText.duration(parameters.delay()) + " late";
            case DUPLICATE -> "every message is delivered to the function " + parameters.copies() + " times";
            case REORDER ->
                "messages of different users reach the function out of order, each held up to "
                        + FaultText.duration(parameters.window());
        };
    }

    private static String down(FaultComponent component, FaultParameters parameters) {
        return switch (component) {
            case TRIGGER -> "the trigger stops pulling; messages wait in the subscription";
            case PUBSUB -> "User-Match cannot reach Pub/Sub to publish; events wait in the outbox";
            case DATABASE -> "every cleanup transaction fails as it begins: the database cannot be reached";
            default ->
                parameters.status().isPresent()
                        ? component.displayName() + " answers every request "
                                + parameters.status().getAsInt()
                        : component.displayName() + " refuses every connection";
        };
    }

    private static String slow(FaultComponent component, FaultParameters parameters) {
        String added = FaultText.duration(parameters.latency())
                + (parameters.jitter().isZero() ? "" : " (± " + FaultText.duration(parameters.jitter()) + ")");
        return switch (component) {
            case TRIGGER -> "every delivery waits " + added + " before it reaches the function";
            case PUBSUB -> "every publish of User-Match takes " + added + " longer";
            case DATABASE -> "every cleanup transaction holds its locks " + added + " longer before it commits";
            default -> "every request to " + component.displayName() + " takes " + added + " longer";
        };
    }

    private static String percent(FaultParameters parameters) {
        double percent = parameters.probability() * 100;
        return (percent == Math.rint(percent) ? Long.toString(Math.round(percent)) : Double.toString(percent)) + "%";
    }
}
