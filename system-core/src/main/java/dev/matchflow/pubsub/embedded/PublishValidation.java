package dev.matchflow.pubsub.embedded;

import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PubsubMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The limits the real service puts on a publish request. */
final class PublishValidation {

    static final int MAX_MESSAGES = 1_000;
    static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    static final int MAX_ATTRIBUTES = 100;
    static final int MAX_ATTRIBUTE_KEY_BYTES = 256;
    static final int MAX_ATTRIBUTE_VALUE_BYTES = 1024;
    static final int MAX_ORDERING_KEY_BYTES = 1024;

    private PublishValidation() {}

    static void check(PublishRequest request) {
        if (request.getMessagesCount() == 0) {
            throw ApiErrors.invalidArgument("No messages to publish");
        }
        if (request.getMessagesCount() > MAX_MESSAGES) {
            throw ApiErrors.invalidArgument("The request has " + request.getMessagesCount()
                    + " messages; the maximum is " + MAX_MESSAGES + ". Publish them in several requests");
        }
        if (request.getSerializedSize() > MAX_REQUEST_BYTES) {
            throw ApiErrors.invalidArgument("Request payload size exceeds the limit: " + MAX_REQUEST_BYTES
                    + " bytes (this request has " + request.getSerializedSize() + " bytes)");
        }
        for (PubsubMessage message : request.getMessagesList()) {
            checkMessage(message);
        }
    }

    private static void checkMessage(PubsubMessage message) {
        if (message.getData().isEmpty() && message.getAttributesCount() == 0) {
            throw ApiErrors.invalidArgument("Some messages are empty: a message needs data or at least one attribute");
        }
        if (message.getAttributesCount() > MAX_ATTRIBUTES) {
            throw ApiErrors.invalidArgument(
                    "A message has " + message.getAttributesCount() + " attributes; the maximum is " + MAX_ATTRIBUTES);
        }
        for (Map.Entry<String, String> attribute : message.getAttributesMap().entrySet()) {
            checkAttribute(attribute.getKey(), attribute.getValue());
        }
        if (exceeds(message.getOrderingKey(), MAX_ORDERING_KEY_BYTES)) {
            throw ApiErrors.invalidArgument("The ordering key is longer than " + MAX_ORDERING_KEY_BYTES
                    + " bytes (ordering_key=" + message.getOrderingKey() + ")");
        }
    }

    private static void checkAttribute(String key, String value) {
        if (exceeds(key, MAX_ATTRIBUTE_KEY_BYTES)) {
            throw ApiErrors.invalidArgument(
                    "The attribute key is longer than " + MAX_ATTRIBUTE_KEY_BYTES + " bytes (key=" + key + ")");
        }
        if (exceeds(value, MAX_ATTRIBUTE_VALUE_BYTES)) {
            throw ApiErrors.invalidArgument("The value of attribute " + key + " is longer than "
                    + MAX_ATTRIBUTE_VALUE_BYTES + " bytes (" + value.getBytes(StandardCharsets.UTF_8).length
                    + " bytes)");
        }
    }

    /** Whether the text takes more than that many bytes in UTF-8, encoding it only when it might. */
    private static boolean exceeds(String text, int maxBytes) {
        if (text.length() > maxBytes) {
            return true;
        }
        return text.length() * 3 > maxBytes && text.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }
}
