package dev.matchflow.console.letters;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a message on the event topic carried.
 *
 * @param messageId the id Pub/Sub gave it
 * @param data its body, as UTF-8 text
 * @param attributes its attributes
 * @param orderingKey its ordering key, empty when it has none
 */
public record Payload(String messageId, String data, Map<String, String> attributes, String orderingKey) {

    public Payload {
        attributes = Map.copyOf(attributes);
    }

    /** The attributes one a line, sorted, then a blank line and the body. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(attributes)
                .forEach((key, value) ->
                        text.append(key).append(" = ").append(value).append('\n'));
        if (!orderingKey.isEmpty()) {
            text.append("ordering key = ").append(orderingKey).append('\n');
        }
        return text.append('\n').append(data).toString();
    }
}
