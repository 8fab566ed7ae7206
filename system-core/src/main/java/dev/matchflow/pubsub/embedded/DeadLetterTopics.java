package dev.matchflow.pubsub.embedded;

import com.google.pubsub.v1.PubsubMessage;

/** Where a subscription forwards the messages that exhausted their delivery attempts. */
interface DeadLetterTopics {

    boolean exists(String topic);

    /** Publishes the message to the topic; {@code false} when the topic no longer exists. */
    boolean publish(String topic, PubsubMessage message);
}
