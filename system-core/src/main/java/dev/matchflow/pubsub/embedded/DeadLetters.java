package dev.matchflow.pubsub.embedded;

import com.google.protobuf.util.Timestamps;
import com.google.pubsub.v1.PubsubMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Builds the message forwarded to a dead-letter topic, with the attributes the real service adds. */
final class DeadLetters {

    static final String DELIVERY_COUNT = "CloudPubSubDeadLetterSourceDeliveryCount";
    static final String SOURCE_SUBSCRIPTION = "CloudPubSubDeadLetterSourceSubscription";
    static final String SOURCE_PROJECT = "CloudPubSubDeadLetterSourceSubscriptionProject";
    static final String SOURCE_PUBLISH_TIME = "CloudPubSubDeadLetterSourceTopicPublishTime";

    private static final DateTimeFormatter PUBLISH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

    private DeadLetters() {}

    static PubsubMessage messageFor(QueuedMessage message, String subscription) {
        PubsubMessage original = message.stored().message();
        Instant publishTime = Instant.ofEpochMilli(Timestamps.toMillis(original.getPublishTime()));
        return original.toBuilder()
                .clearMessageId()
                .clearPublishTime()
                .putAttributes(DELIVERY_COUNT, String.valueOf(message.deliveryAttempts()))
                .putAttributes(SOURCE_SUBSCRIPTION, ResourceNames.resourceId(subscription))
                .putAttributes(SOURCE_PROJECT, ResourceNames.projectId(subscription))
                .putAttributes(SOURCE_PUBLISH_TIME, PUBLISH_TIME.format(publishTime))
                .build();
    }
}
