package dev.matchflow.scenarios.language;

import dev.matchflow.scenarios.language.Declarations.Kind;
import dev.matchflow.scenarios.language.PublishSpec.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Reads a {@code publish} step: an event built field by field (each field a name, a keyword or a literal, or left
 * out with {@code none}), or raw {@code data}.
 */
final class PublishReader {

    private static final List<String> EVENT_KEYS =
            List.of("event_type", "event_id", "user", "user_id", "pool", "pool_id", "timestamp", "attributes", "times");
    private static final List<String> RAW_KEYS = List.of("data", "attributes", "times");
    private static final String NONE = "none";
    private static final int MOST_TIMES = 1_000;

    private final Declarations names;

    PublishReader(Declarations names) {
        this.names = names;
    }

    Step.Publish read(YamlValue value, int line) {
        YamlMap publish = value.map("a message to publish (event fields, or data)");
        int times = publish.get("times")
                .map(count -> (int) count.wholeNumber("times", 1, MOST_TIMES))
                .orElse(1);
        if (publish.has("data")) {
            publish.allowOnly("a raw message", RAW_KEYS);
            String data = placeholders(publish.get("data").orElseThrow());
            return new Step.Publish(
                    new PublishSpec(Optional.of(data), Map.of(), attributes(publish, false)), times, line);
        }
        publish.allowOnly("an event to publish", EVENT_KEYS);
        Map<String, Field> fields = new LinkedHashMap<>();
        field(publish, "event_type", "pool_member_removed").ifPresent(type -> fields.put("event_type", type));
        eventId(publish).ifPresent(id -> fields.put("event_id", id));
        reference(publish, "pool", Kind.POOL).ifPresent(pool -> fields.put("pool_id", pool));
        reference(publish, "user", Kind.USER).ifPresent(user -> fields.put("user_id", user));
        timestamp(publish, fields).ifPresent(timestamp -> fields.put("timestamp", timestamp));
        return new Step.Publish(new PublishSpec(Optional.empty(), fields, attributes(publish, true)), times, line);
    }

    private static Optional<Field> field(YamlMap publish, String key, String byDefault) {
        String text = publish.get(key).map(value -> value.text(key)).orElse(byDefault);
        return text.equals(NONE) ? Optional.empty() : Optional.of(new PublishSpec.Literal(text));
    }

    private static Optional<Field> eventId(YamlMap publish) {
        String text =
                publish.get("event_id").map(value -> value.text("event_id")).orElse("new");
        return switch (text) {
            case NONE -> Optional.empty();
            case "new" -> Optional.of(new PublishSpec.NewEventId());
            default -> Optional.of(new PublishSpec.Literal(text));
        };
    }

    /** {@code user: alice} for a named user's id, or {@code user_id: anything} sent as written. */
    private Optional<Field> reference(YamlMap publish, String key, Kind kind) {
        String literalKey = key + "_id";
        if (publish.has(key) && publish.has(literalKey)) {
            throw publish.key(literalKey)
                    .bad("give '" + key + "' (a name) or '" + literalKey + "' (as written), not both");
        }
        if (publish.has(literalKey)) {
            String text = publish.get(literalKey).orElseThrow().text(literalKey);
            return text.equals(NONE) ? Optional.empty() : Optional.of(new PublishSpec.Literal(text));
        }
        return publish.get(key).map(value -> {
            String name = names.one(kind, value);
            return kind == Kind.USER ? new PublishSpec.UserId(name) : new PublishSpec.PoolId(name);
        });
    }

    /** {@code now} (the default), {@code none}, {@code last_leave} of the event's user, or a literal. */
    private static Optional<Field> timestamp(YamlMap publish, Map<String, Field> fields) {
        String text =
                publish.get("timestamp").map(value -> value.text("timestamp")).orElse("now");
        return switch (text) {
            case NONE -> Optional.empty();
            case "now" -> Optional.of(new PublishSpec.Now());
            case "last_leave" -> {
                if (!(fields.get("user_id") instanceof PublishSpec.UserId user)) {
                    throw publish.key("timestamp").bad("timestamp: last_leave needs the event's 'user' by name");
                }
                yield Optional.of(new PublishSpec.LastLeaveOf(user.user()));
            }
            default -> Optional.of(new PublishSpec.Literal(text));
        };
    }

    /** {@code standard} (the default for events), {@code none} (the default for raw data), or a mapping. */
    private PublishSpec.Attributes attributes(YamlMap publish, boolean event) {
        Optional<YamlValue> value = publish.get("attributes");
        if (value.isPresent() && value.get().isMap()) {
            Map<String, String> explicit = new LinkedHashMap<>();
            value.get()
                    .map("attributes")
                    .entries()
                    .forEach(entry -> explicit.put(entry.getKey(), placeholders(entry.getValue())));
            return new PublishSpec.Attributes(false, explicit);
        }
        String choice = value.map(text -> text.oneOf("attributes", event ? List.of("standard", NONE) : List.of(NONE)))
                .orElse(event ? "standard" : NONE);
        return new PublishSpec.Attributes(choice.equals("standard"), Map.of());
    }

    /** The text, with every placeholder's name checked. */
    private String placeholders(YamlValue value) {
        String text = value.text("the text");
        Matcher matcher = PublishSpec.PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            Kind kind = matcher.group(1).equals("user") ? Kind.USER : Kind.POOL;
            names.known(kind, matcher.group(2), value);
        }
        return text;
    }
}
