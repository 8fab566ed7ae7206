package dev.matchflow.pubsub.embedded;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened to a message.
 *
 * @param kind what happened
 * @param topic the topic the message was published to
 * @param subscription the subscription concerned, {@code null} for {@link Kind#PUBLISHED}
 * @param messageId the server-assigned message id
 * @param orderingKey the ordering key, empty when the message has none
 * @param attributes the message attributes
 * @param deliveryAttempt the delivery attempt concerned (1 for a first delivery), 0 for {@link Kind#PUBLISHED}
 * @param at when it happened
 */
public record BrokerEvent(
        Kind kind,
        String topic,
        String subscription,
        String messageId,
        String orderingKey,
        Map<String, String> attributes,
        int deliveryAttempt,
        Instant at) {

    /** What happened to the message. */
    public enum Kind {
        PUBLISHED,
        DELIVERED,
        ACKED,
        NACKED,
        EXPIRED,
        DEAD_LETTERED
    }
}
