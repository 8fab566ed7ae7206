package dev.matchflow.cleanup;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.events.MessagePublishedData;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import java.net.URI;
import java.util.Map;

/** {@code messagePublished} CloudEvents as Eventarc delivers them, around a given Pub/Sub message body. */
final class MessagePublishedEvents {

    static final String MESSAGE_ID = "1234567890123456";
    static final String SOURCE = MessagePublishedData.cloudEventSource("matchflow-local", "user_left_pool");
    static final String SUBSCRIPTION = "projects/matchflow-local/subscriptions/match-cleanup-handler";

    private MessagePublishedEvents() {}

    /** The CloudEvent data: the message envelope around {@code body} and {@code attributes}. */
    static byte[] envelope(byte[] body, Map<String, String> attributes) {
        PubsubMessage message = PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(body))
                .putAllAttributes(attributes)
                .setMessageId(MESSAGE_ID)
                .build();
        return new MessagePublishedData(message, SUBSCRIPTION, 1).toJson();
    }

    /** The whole CloudEvent, as a function receives it. */
    static CloudEvent cloudEvent(byte[] body, Map<String, String> attributes) {
        return cloudEvent(MessagePublishedData.CLOUD_EVENT_TYPE, envelope(body, attributes));
    }

    /** The whole CloudEvent with extensions, such as {@code traceparent} of the distributed tracing extension. */
    static CloudEvent cloudEvent(byte[] body, Map<String, String> attributes, Map<String, Object> extensions) {
        return cloudEvent(MessagePublishedData.CLOUD_EVENT_TYPE, envelope(body, attributes), extensions);
    }

    static CloudEvent cloudEvent(String type, byte[] data) {
        return cloudEvent(type, data, Map.of());
    }

    private static CloudEvent cloudEvent(String type, byte[] data, Map<String, Object> extensions) {
        Map<String, Object> attributes = Map.of(
                "id", MESSAGE_ID, "source", URI.create(SOURCE), "type", type, "datacontenttype", "application/json");
        return new ReceivedCloudEvent(SpecVersion.V1, attributes, extensions, data);
    }
}
