package dev.matchflow.console.topology;

import dev.matchflow.console.OutboxHops;
import dev.matchflow.pubsub.embedded.SubscriptionStats;
import dev.matchflow.stack.Component;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import dev.matchflow.stack.StackSnapshot;
import java.util.function.ToLongFunction;

/** The counts each part shows in the diagram: what passed through it, and what it holds now. */
final class HopCounts {

    private long requests;
    private long leaves;
    private long published;
    private long deliveries;
    private long failedDeliveries;
    private long rejected;

    void record(FlowEvent hop) {
        if (hop.from() == Component.CLIENT && !hop.action().startsWith("fault ")) {
            requests++;
        }
        switch (hop.action()) {
            case "leave" -> leaves++;
            case OutboxHops.PUBLISHED -> published += hop.outcome() == FlowOutcome.OK ? 1 : 0;
            case "deliver" -> {
                deliveries++;
                failedDeliveries += hop.outcome() == FlowOutcome.OK ? 0 : 1;
            }
            case "reject" -> rejected++;
            default -> {
                // Other hops are counted only as requests, when a client made them.
            }
        }
    }

    void clear() {
        requests = 0;
        leaves = 0;
        published = 0;
        deliveries = 0;
        failedDeliveries = 0;
        rejected = 0;
    }

    /** The counts line of {@code component}, with what {@code state} holds when it was read. */
    String of(Component component, StackSnapshot state) {
        return switch (component) {
            case CLIENT -> "requests " + requests;
            case USER_MATCH -> "leaves " + leaves;
            case POOLS ->
                state == null
                        ? ""
                        : "pools " + state.pools().size() + "\nmembers "
                                + state.members().size();
            case MATCHES -> state == null ? "" : "matches " + state.matches().size();
            case OUTBOX ->
                state == null ? "" : "pending " + state.pendingEvents().size();
            case TOPIC -> "published " + published;
            case SUBSCRIPTION ->
                held(state, SubscriptionStats::backlog, "backlog ")
                        + held(state, SubscriptionStats::inFlight, "\nin flight ");
            case TRIGGER -> "deliveries " + deliveries + "\nfailed " + failedDeliveries;
            case FUNCTION -> "invocations " + deliveries + "\nrejected " + rejected;
            case DEAD_LETTER_TOPIC ->
                state == null
                        ? ""
                        : "dead letters "
                                + state.pubsub()
                                        .map(held -> held.deadLetters().backlog())
                                        .orElse(0L);
        };
    }

    private static String held(StackSnapshot state, ToLongFunction<SubscriptionStats> figure, String label) {
        if (state == null || state.pubsub().isEmpty()) {
            return "";
        }
        return label + figure.applyAsLong(state.pubsub().get().trigger());
    }
}
