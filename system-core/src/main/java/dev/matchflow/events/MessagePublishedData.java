package dev.matchflow.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.pubsub.v1.PubsubMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The data of a {@code google.cloud.pubsub.topic.v1.messagePublished} CloudEvent, as Eventarc and Pub/Sub push
 * deliver it: {@code {"message":{"data":base64,"attributes":{},"messageId","publishTime","orderingKey"},
 * "subscription":"projects/P/subscriptions/S","deliveryAttempt":N}}.
 *
 * <p>Reading accepts the protobuf spellings too ({@code message_id}, {@code publish_time}, {@code ordering_key},
 * {@code delivery_attempt}), and a {@code deliveryAttempt} inside the message.
 *
 * @param message the Pub/Sub message as published, with its id and publish time
 * @param subscription the full subscription name, or empty when the sender did not say
 * @param deliveryAttempt how many times Pub/Sub has delivered the message, counting this one; 0 when unknown
 *     (Pub/Sub only counts when the subscription has a dead-letter policy)
 */
public record MessagePublishedData(PubsubMessage message, String subscription, int deliveryAttempt) {

    /** The CloudEvent type Eventarc gives Pub/Sub messages. */
    public static final String CLOUD_EVENT_TYPE = "google.cloud.pubsub.topic.v1.messagePublished";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat.Printer MESSAGE_PRINTER =
            JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser MESSAGE_PARSER = JsonFormat.parser().ignoringUnknownFields();

    public MessagePublishedData {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(subscription, "subscription");
    }

    /** The CloudEvent source Eventarc gives messages of {@code topic} in {@code project}. */
    public static String cloudEventSource(String project, String topic) {
        return "//pubsub.googleapis.com/projects/" + project + "/topics/" + topic;
    }

    /** Reads the CloudEvent data; {@code data} may be null when the CloudEvent had none. */
    public static MessagePublishedData fromJson(byte[] data) throws InvalidEnvelopeException {
        JsonNode envelope = parseEnvelope(data);
        JsonNode message = envelope.get("message");
        if (message == null || !message.isObject()) {
            throw new InvalidEnvelopeException("CloudEvent data has no \"message\" object: " + abbreviate(envelope));
        }
        return new MessagePublishedData(
                parseMessage(message), text(envelope, "subscription"), deliveryAttempt(envelope, message));
    }

    /** The CloudEvent data, as the trigger sends it to the function. */
    public byte[] toJson() {
        try {
            ObjectNode envelope = JSON.createObjectNode();
            envelope.set("message", JSON.readTree(MESSAGE_PRINTER.print(message)));
            envelope.put("subscription", subscription);
            if (deliveryAttempt > 0) {
                envelope.put("deliveryAttempt", deliveryAttempt);
            }
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException("printing Pub/Sub message " + message.getMessageId() + " as JSON", e);
        }
    }

    private static JsonNode parseEnvelope(byte[] data) throws InvalidEnvelopeException {
        if (data == null || data.length == 0) {
            throw new InvalidEnvelopeException("CloudEvent has no data; expected a Pub/Sub message envelope");
        }
        try {
            JsonNode envelope = JSON.readTree(data);
            if (envelope == null || !envelope.isObject()) {
                throw new InvalidEnvelopeException("CloudEvent data is not a JSON object");
            }
            return envelope;
        } catch (IOException e) {
            throw new InvalidEnvelopeException("CloudEvent data is not JSON: " + e.getMessage(), e);
        }
    }

    private static PubsubMessage parseMessage(JsonNode message) throws InvalidEnvelopeException {
        PubsubMessage.Builder builder = PubsubMessage.newBuilder();
        try {
            MESSAGE_PARSER.merge(message.toString(), builder);
            return builder.build();
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidEnvelopeException(
                    "CloudEvent data holds no valid Pub/Sub message (" + e.getMessage() + "): " + abbreviate(message),
                    e);
        }
    }

    /** Pub/Sub push puts the attempt beside the message; some senders put it inside. */
    private static int deliveryAttempt(JsonNode envelope, JsonNode message) {
        return Stream.of(envelope, message)
                .flatMap(holder -> Stream.of(holder.get("deliveryAttempt"), holder.get("delivery_attempt")))
                .filter(value -> value != null && value.canConvertToInt())
                .mapToInt(JsonNode::intValue)
                .findFirst()
                .orElse(0);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : "";
    }

    private static String abbreviate(JsonNode node) {
        String text;
        try {
            text = JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            text = node.getNodeType().toString();
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
