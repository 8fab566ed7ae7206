package dev.matchflow.trigger;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One attempt of the trigger to hand a message to the function.
 *
 * @param messageId the Pub/Sub message id
 * @param attempt Pub/Sub's delivery attempt, counting from 1; 0 when the subscription does not count attempts
 *     (it counts only when it has a dead-letter policy)
 * @param outcome whether the message was acknowledged or handed back for redelivery
 * @param status the function's HTTP status, empty when it gave no answer
 * @param duration from the start of the POST to its answer or failure
 * @param failure why the delivery failed when it did: the status, or the connection error
 */
public record Delivery(
        String messageId,
        int attempt,
        Outcome outcome,
        OptionalInt status,
        Duration duration,
        Optional<String> failure) {

    /** What the trigger told Pub/Sub. */
    public enum Outcome {
        /** The function answered 2xx. */
        ACKED,
        /** Anything else: Pub/Sub redelivers according to the subscription's retry and dead-letter policies. */
        NACKED
    }

    public Delivery {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(failure, "failure");
    }
}
