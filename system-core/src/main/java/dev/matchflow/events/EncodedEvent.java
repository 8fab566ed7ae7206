package dev.matchflow.events;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * An event ready to publish: the JSON body, the attributes subscribers filter on and the ordering key.
 *
 * @param data the UTF-8 JSON body
 * @param attributes {@code event_type}, {@code pool_id}, {@code user_id} and {@code version}
 * @param orderingKey the user id, so one user's events are delivered in the order they were published
 */
public record EncodedEvent(byte[] data, Map<String, String> attributes, String orderingKey) {

    public EncodedEvent {
        data = data.clone();
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(orderingKey, "orderingKey");
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The body as text, for logs and the outbox. */
    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The message to hand to a Pub/Sub publisher. */
    public PubsubMessage toPubsubMessage() {
        return PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(data))
                .putAllAttributes(attributes)
                .setOrderingKey(orderingKey)
                .build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncodedEvent that
                && Arrays.equals(data, that.data)
                && attributes.equals(that.attributes)
                && orderingKey.equals(that.orderingKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(data), attributes, orderingKey);
    }

    @Override
    public String toString() {
        return "EncodedEvent[data=" + dataAsString() + ", attributes=" + attributes + ", orderingKey=" + orderingKey
                + "]";
    }
}
