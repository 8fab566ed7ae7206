package dev.matchflow.pubsub.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.util.Timestamps;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.Subscription;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP request that pushes one delivery to an endpoint, in the two forms of the real service: the JSON wrapper
 * {@code {"message": {...}, "subscription": "..."}}, or the raw data as the body (no wrapper), where
 * {@code write_metadata} adds the message metadata as {@code x-goog-pubsub-*} headers and the attributes as headers
 * of their own name.
 */
final class PushRequests {

    private static final Logger LOG = LoggerFactory.getLogger(PushRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA_PREFIX = "x-goog-pubsub-";

    private PushRequests() {}

    static HttpRequest build(Subscription config, Lease lease) {
        PushConfig push = config.getPushConfig();
        var request = HttpRequest.newBuilder(URI.create(push.getPushEndpoint()))
                .timeout(Duration.ofSeconds(config.getAckDeadlineSeconds()));
        if (push.hasNoWrapper()) {
            unwrapped(request, config, lease);
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(wrapped(config, lease)));
        }
        return request.build();
    }

    static String wrapped(Subscription config, Lease lease) {
        PubsubMessage message = lease.stored().message();
        ObjectNode body = JSON.createObjectNode();
        ObjectNode json = body.putObject("message");
        if (!message.getData().isEmpty()) {
            json.put(
                    "data", Base64.getEncoder().encodeToString(message.getData().toByteArray()));
        }
        if (message.getAttributesCount() > 0) {
            ObjectNode attributes = json.putObject("attributes");
            message.getAttributesMap().forEach(attributes::put);
        }
        String publishTime = Timestamps.toString(message.getPublishTime());
        json.put("messageId", message.getMessageId()).put("message_id", message.getMessageId());
        json.put("publishTime", publishTime).put("publish_time", publishTime);
        if (!message.getOrderingKey().isEmpty()) {
            json.put("orderingKey", message.getOrderingKey());
        }
        body.put("subscription", config.getName());
        if (config.hasDeadLetterPolicy()) {
            body.put("deliveryAttempt", lease.attempt());
        }
        return toJson(body);
    }

    private static void unwrapped(HttpRequest.Builder request, Subscription config, Lease lease) {
        PubsubMessage message = lease.stored().message();
        request.POST(HttpRequest.BodyPublishers.ofByteArray(message.getData().toByteArray()));
        if (!config.getPushConfig().getNoWrapper().getWriteMetadata()) {
            return;
        }
        header(request, METADATA_PREFIX + "subscription-name", config.getName());
        header(request, METADATA_PREFIX + "message-id", message.getMessageId());
        header(request, METADATA_PREFIX + "publish-time", Timestamps.toString(message.getPublishTime()));
        if (!message.getOrderingKey().isEmpty()) {
            header(request, METADATA_PREFIX + "ordering-key", message.getOrderingKey());
        }
        if (config.hasDeadLetterPolicy()) {
            header(request, METADATA_PREFIX + "delivery-attempt", String.valueOf(lease.attempt()));
        }
        for (Map.Entry<String, String> attribute : message.getAttributesMap().entrySet()) {
            header(request, attribute.getKey(), attribute.getValue());
        }
    }

    private static void header(HttpRequest.Builder request, String name, String value) {
        try {
            request.header(name, value);
        } catch (IllegalArgumentException e) {
            LOG.warn("Push header {} cannot be sent over HTTP and is left out: {}", name, e.getMessage());
        }
    }

    private static String toJson(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("A push body could not be written as JSON", e);
        }
    }
}
