package dev.matchflow.trigger;

/**
 * Decides, for every message the trigger receives, how it is handed on: at once, later, more than once, or not at
 * all. Eventarc always delivers at once ({@link #DIRECT}); the simulator's faults plan the rest.
 */
@FunctionalInterface
public interface DeliveryPlanner {

    /** Every message once, at once. */
    DeliveryPlanner DIRECT = (messageId, orderingKey) -> DeliveryPlan.DIRECT;

    /**
     * The plan for one delivery attempt of a message. Called on a subscriber thread; must return quickly.
     *
     * @param orderingKey the message's ordering key, empty when it has none
     */
    DeliveryPlan plan(String messageId, String orderingKey);
}
