package dev.matchflow.pubsub.embedded;

import com.google.pubsub.v1.PubsubMessage;

/**
 * A published message as the broker keeps it: with its server-assigned id and publish time.
 *
 * @param topic the topic it was published to
 * @param message the message, with {@code message_id} and {@code publish_time} set
 * @param size its size in bytes, counted against flow control
 */
record StoredMessage(String topic, PubsubMessage message, int size) {

    static StoredMessage of(String topic, PubsubMessage message) {
        return new StoredMessage(topic, message, message.getSerializedSize());
    }

    String id() {
        return message.getMessageId();
    }
}
