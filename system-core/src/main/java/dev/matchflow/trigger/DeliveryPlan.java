package dev.matchflow.trigger;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the trigger hands one received message on to the function.
 *
 * @param hold how long the trigger keeps the message before it POSTs it; its lease is extended meanwhile
 * @param copies how many times it POSTs the message, all at once, as a redelivering Pub/Sub would; 1 normally. The
 *     message is acknowledged only when every copy succeeded
 * @param refusal why the trigger hands the message back to Pub/Sub without POSTing it; empty to deliver it
 */
public record DeliveryPlan(Duration hold, int copies, Optional<String> refusal) {

    /** POST once, at once: what Eventarc does. */
    public static final DeliveryPlan DIRECT = new DeliveryPlan(Duration.ZERO, 1, Optional.empty());

    public DeliveryPlan {
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(refusal, "refusal");
        if (hold.isNegative()) {
            throw new IllegalArgumentException("hold " + hold + " must not be negative");
        }
        if (copies < 1) {
            throw new IllegalArgumentException("copies " + copies + " must be at least 1");
        }
    }

    /** Hand the message back for redelivery, without POSTing it, saying why. */
    public static DeliveryPlan refused(String why) {
        return new DeliveryPlan(Duration.ZERO, 1, Optional.of(why));
    }
}
