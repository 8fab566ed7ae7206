package dev.matchflow.scenarios.language;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A message to publish by hand: an event built field by field, or raw data sent as it is.
 *
 * <p>Raw data and attribute values may name the scenario's users and pools as {@code ${user:alice}} and
 * {@code ${pool:evening}}; the runner puts their ids in.
 *
 * @param data the raw body, when the message is not built from fields
 * @param fields the event's JSON fields in order, when it is
 * @param attributes which attributes the message carries
 */
public record PublishSpec(Optional<String> data, Map<String, Field> fields, Attributes attributes) {

    /** {@code ${user:alice}} or {@code ${pool:evening}} in raw data and attribute values. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(user|pool):([^}]*)}");

    public PublishSpec {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The value of one field of an event. */
    public sealed interface Field {}

    /** A value written in the file, sent as it is. */
    public record Literal(String text) implements Field {}

    /** The id of a named user. */
    public record UserId(String user) implements Field {}

    /** The id of a named pool. */
    public record PoolId(String pool) implements Field {}

    /** A fresh event id drawn from the seed. */
    public record NewEventId() implements Field {}

    /** The moment of publishing. */
    public record Now() implements Field {}

    /** When the named user last left a pool, as Pools answered. */
    public record LastLeaveOf(String user) implements Field {}

    /**
     * Which attributes a message carries.
     *
     * @param standard true for those User-Match sends (event_type, pool_id, user_id, version 1), agreeing with the
     *     body
     * @param explicit attributes written in the file, when not standard; empty for none
     */
    public record Attributes(boolean standard, Map<String, String> explicit) {

        public Attributes {
            explicit = Map.copyOf(explicit);
        }
    }

    /** A few words about it: the event type and whose, or the start of the raw data. */
    public String summary() {
        if (data.isPresent()) {
            String raw = data.get();
            return "raw data '" + (raw.length() > 30 ? raw.substring(0, 30) + "..." : raw) + "'";
        }
        String type = fields.get("event_type") instanceof Literal literal ? literal.text() : "event";
        String user = fields.get("user_id") instanceof UserId id ? " of " + id.user() : "";
        return type + user;
    }
}
