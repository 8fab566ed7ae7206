package dev.matchflow.faults;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Generates messages that can never become a valid event, each with the reason the cleanup function must reject it
 * for, from a seed: a run with the same seed sends the same messages.
 *
 * <p>The kinds: random bytes that are not UTF-8, text that is not JSON (cut-off events, trailing tokens, duplicate
 * keys, nesting deeper than any parser allows), JSON that is not an object, events missing a field, ids that are
 * not UUIDs (path traversal, SQL, unicode, numbers, {@code test-pool}), unknown event types, versions other than 1,
 * attributes that disagree with the body, invalid times and bodies over the size limit.
 */
final class HostileMessages {

    /** A message and the reason it must be rejected with. */
    record Hostile(String reason, PubsubMessage message) {}

    /** Ids that are not UUIDs, as callers and attackers write them. */
    static final List<String> HOSTILE_IDS = List.of(
            "test-pool",
            "../../etc/passwd",
            "..%2F..%2Fetc%2Fpasswd",
            "' OR '1'='1",
            "1; DROP TABLE matches; --",
            "\" OR \"\"=\"",
            "%00",
            "\u0000",
            "用户-池",
            "🎱🎱🎱",
            "11111111-1111-4111-8111-11111111111",
            "11111111111141118111111111111111",
            " 11111111-1111-4111-8111-111111111111",
            "11111111-1111-4111-8111-111111111111\n",
            "{11111111-1111-4111-8111-111111111111}",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/a}",
            "",
            "null");

    private static final int SIZE_LIMIT = 64 * 1024;

    private final Random random;
    private final List<Supplier<Hostile>> kinds = List.of(
            this::notUtf8,
            this::notJson,
            this::cutOff,
            this::trailingToken,
            this::duplicateKey,
            this::deepNesting,
            this::notAnObject,
            this::missingField,
            this::hostileId,
            this::idNotAString,
            this::unknownEventType,
            this::unsupportedVersion,
            this::attributeMismatch,
            this::invalidTimestamp,
            this::deeplyNestedObject);

    HostileMessages(long seed) {
        this.random = new Random(seed);
    }

    /** The next message; now and then (one in a hundred) one over the size limit. */
    Hostile next() {
        if (random.nextInt(100) == 0) {
            return tooLarge();
        }
        return kinds.get(random.nextInt(kinds.size())).get();
    }

    private Hostile notUtf8() {
        byte[] bytes = new byte[1 + random.nextInt(2_000)];
        random.nextBytes(bytes);
        bytes[random.nextInt(bytes.length)] = (byte) 0xFF;
        return new Hostile("not_utf8", message(ByteString.copyFrom(bytes), Map.of()));
    }

    private Hostile notJson() {
        String text = "x" + randomText(random.nextInt(500));
        return new Hostile("not_json", message(text, Map.of()));
    }

    private Hostile cutOff() {
        String event = event(uuid(), uuid(), uuid());
        return new Hostile("not_json", message(event.substring(0, 1 + random.nextInt(event.length() - 2)), Map.of()));
    }

    private Hostile trailingToken() {
        return new Hostile("not_json", message(event(uuid(), uuid(), uuid()) + " {}", Map.of()));
    }

    private Hostile duplicateKey() {
        String event = event(uuid(), uuid(), uuid());
        return new Hostile("not_json", message(event.replace("{", "{\"user_id\":\"" + uuid() + "\","), Map.of()));
    }

    /** Deeper than the parser's nesting limit; the body stays under the size limit. */
    private Hostile deepNesting() {
        int depth = 2_000 + random.nextInt(30_000);
        return new Hostile("not_json", message("[".repeat(depth) + "]".repeat(depth), Map.of()));
    }

    private Hostile deeplyNestedObject() {
        int depth = 2 + random.nextInt(200);
        String body = "{\"a\":".repeat(depth) + event(uuid(), uuid(), uuid()) + "}".repeat(depth);
        return new Hostile("missing_field", message(body, Map.of()));
    }

    private Hostile notAnObject() {
        List<String> values = List.of(
                "[]",
                "[" + event(uuid(), uuid(), uuid()) + "]",
                "42",
                "-1.5e300",
                "\"pool_member_removed\"",
                "true",
                "null",
                "[[[]]]");
        return new Hostile("not_object", message(values.get(random.nextInt(values.size())), Map.of()));
    }

    private Hostile missingField() {
        String pool = uuid();
        String user = uuid();
        List<String> bodies = List.of(
                "{\"event_id\":\"" + uuid() + "\",\"pool_id\":\"" + pool + "\",\"user_id\":\"" + user + "\"}",
                "{\"event_type\":\"pool_member_removed\",\"user_id\":\"" + user + "\"}",
                "{\"event_type\":\"user_left_pool\",\"pool_id\":\"" + pool + "\"}",
                "{\"event_type\":\"pool_member_removed\",\"pool_id\":null,\"user_id\":\"" + user + "\"}",
                "{}");
        return new Hostile("missing_field", message(bodies.get(random.nextInt(bodies.size())), Map.of()));
    }

    private Hostile hostileId() {
        String id = HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size()));
        String body = switch (random.nextInt(3)) {
            case 0 -> event(id, uuid(), uuid());
            case 1 -> event(uuid(), id, uuid());
            default -> event(uuid(), uuid(), id);
        };
        return new Hostile("invalid_id", message(body, Map.of()));
    }

    private Hostile idNotAString() {
        String body = "{\"event_type\":\"pool_member_removed\",\"pool_id\":" + random.nextInt() + ",\"user_id\":\""
                + uuid() + "\"}";
        return new Hostile("invalid_id", message(body, Map.of()));
    }

    private Hostile unknownEventType() {
        List<String> types = List.of("pool_deleted", "", "POOL_MEMBER_REMOVED", "pool_member_removed ", "用户离开");
        String type = types.get(random.nextInt(types.size()));
        String body = "{\"event_type\":\"" + type + "\",\"pool_id\":\"" + uuid() + "\",\"user_id\":\"" + uuid() + "\"}";
        return new Hostile("unknown_event_type", message(body, Map.of()));
    }

    private Hostile unsupportedVersion() {
        List<String> versions = List.of("2", "0", "", "1.0", "v1", " 1", "' OR 1=1");
        String version = versions.get(random.nextInt(versions.size()));
        return new Hostile("unsupported_version", message(event(uuid(), uuid(), uuid()), Map.of("version", version)));
    }

    private Hostile attributeMismatch() {
        String pool = uuid();
        String user = uuid();
        Map<String, String> attributes = switch (random.nextInt(3)) {
            case 0 -> Map.of("pool_id", uuid(), "user_id", user);
            case 1 -> Map.of("user_id", HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size())));
            default -> Map.of("event_type", "pool_deleted");
        };
        return new Hostile("attribute_mismatch", message(event(uuid(), pool, user), attributes));
    }

    private Hostile invalidTimestamp() {
        List<String> times = List.of("yesterday", "2025-13-45T00:00:00Z", "", "2025-12-05 10:30:00", "1733394600");
        String body = "{\"event_type\":\"pool_member_removed\",\"pool_id\":\"" + uuid() + "\",\"user_id\":\"" + uuid()
                + "\",\"timestamp\":\"" + times.get(random.nextInt(times.size())) + "\"}";
        return new Hostile("invalid_timestamp", message(body, Map.of()));
    }

    private Hostile tooLarge() {
        String padding = "x".repeat(SIZE_LIMIT + random.nextInt(4 * SIZE_LIMIT));
        return new Hostile("too_large", message("{\"padding\":\"" + padding + "\"}", Map.of()));
    }

    private String event(String eventId, String poolId, String userId) {
        return "{\"event_type\":\"pool_member_removed\",\"event_id\":\"" + json(eventId) + "\",\"pool_id\":\""
                + json(poolId) + "\",\"user_id\":\"" + json(userId) + "\",\"timestamp\":\"2025-12-05T10:30:00Z\"}";
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x5F)));
        }
        return text.toString();
    }

    /** {@code text} as the inside of a JSON string. */
    static String json(String text) {
        return text.replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\n", "\\n")
                .replace("\u0000", "\\u0000");
    }

    /** Pub/Sub refuses a message without data and attributes, so every message carries where it came from. */
    private static PubsubMessage message(ByteString data, Map<String, String> attributes) {
        return PubsubMessage.newBuilder()
                .setData(data)
                .putAllAttributes(attributes)
                .putAttributes("origin", "fuzz")
                .build();
    }

    private static PubsubMessage message(String body, Map<String, String> attributes) {
        return message(ByteString.copyFrom(body, StandardCharsets.UTF_8), attributes);
    }
}
