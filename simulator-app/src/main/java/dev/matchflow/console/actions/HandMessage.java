package dev.matchflow.console.actions;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.events.EventCodec;
import dev.matchflow.events.PoolMemberRemoved;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A message written by hand: a body, whatever it holds, and attributes written one {@code key=value} a line. The
 * console publishes it as it is, malformed or not; only the attribute lines must be readable.
 */
public final class HandMessage {

    private HandMessage() {}

    /**
     * The message of {@code body} and {@code attributeLines}.
     *
     * @throws IllegalArgumentException when an attribute line has no {@code =} or no key, naming the line
     */
    public static PubsubMessage of(String body, String attributeLines) {
        return PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(body, StandardCharsets.UTF_8))
                .putAllAttributes(attributes(attributeLines))
                .build();
    }

    /** The attributes of {@code text}, one {@code key=value} a line; blank lines are skipped. */
    static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("attribute line " + (i + 1) + " '" + line
                        + "' is not key=value; write one attribute a line, for example version=1");
            }
            attributes.put(
                    line.substring(0, equals).strip(),
                    line.substring(equals + 1).strip());
        }
        return attributes;
    }

    /** A valid {@code pool_member_removed} event of {@code userId} leaving {@code poolId} now, as DESIGN.md has it. */
    public static Example validEvent(UUID poolId, UUID userId) {
        var encoded = EventCodec.encode(new PoolMemberRemoved(UUID.randomUUID(), poolId, userId, Instant.now()));
        StringBuilder attributes = new StringBuilder();
        encoded.attributes()
                .forEach((key, value) ->
                        attributes.append(key).append('=').append(value).append('\n'));
        return new Example(encoded.dataAsString(), attributes.toString());
    }

    /** An event whose user id is not a UUID: the function rejects it with a reason instead of retrying. */
    public static Example malformedEvent(UUID poolId) {
        String body = "{\"event_type\": \"pool_member_removed\", \"event_id\": \"" + UUID.randomUUID()
                + "\", \"pool_id\": \"" + poolId + "\", \"user_id\": \"not-a-uuid\", \"timestamp\": \""
                + EventCodec.formatTimestamp(Instant.now()) + "\"}";
        return new Example(body, "");
    }

    /** A body and attribute lines to fill the form with. */
    public record Example(String body, String attributeLines) {}
}
