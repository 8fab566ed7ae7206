package dev.matchflow.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The wire form of {@link PoolMemberRemoved}: a UTF-8 JSON body with snake_case fields, Pub/Sub attributes
 * and the ordering key, and the validation every consumer applies before acting on a message.
 *
 * <p>Decoding never throws for bad input: it answers {@link DecodedMessage.Rejected} with a reason, so the
 * consumer can acknowledge a message that no retry would fix.
 */
public final class EventCodec {

    /** Larger messages are rejected unread: an event carries four ids and a time, a few hundred bytes. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    public static final String VERSION = "1";
    public static final String ATTRIBUTE_EVENT_TYPE = "event_type";
    public static final String ATTRIBUTE_POOL_ID = "pool_id";
    public static final String ATTRIBUTE_USER_ID = "user_id";
    public static final String ATTRIBUTE_VERSION = "version";

    private static final String EVENT_TYPE = "event_type";
    private static final String EVENT_ID = "event_id";
    private static final String POOL_ID = "pool_id";
    private static final String USER_ID = "user_id";
    private static final String TIMESTAMP = "timestamp";

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final DateTimeFormatter WHOLE_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROSECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private EventCodec() {}

    /** The message User-Match publishes for {@code event}. */
    public static EncodedEvent encode(PoolMemberRemoved event) {
        Map<String, String> attributes = Map.of(
                ATTRIBUTE_EVENT_TYPE, EventType.POOL_MEMBER_REMOVED.wireName(),
                ATTRIBUTE_POOL_ID, event.poolId().toString(),
                ATTRIBUTE_USER_ID, event.userId().toString(),
                ATTRIBUTE_VERSION, VERSION);

        return new EncodedEvent(body(event), attributes, event.userId().toString());
    }

    /**
     * Validates one delivered message and reads the event from it.
     *
     * @param data the message body; null counts as empty
     * @param attributes the message attributes; null or empty when the publisher set none
     * @param messageId the Pub/Sub message id, which stands in for a missing {@code event_id}
     */
    public static DecodedMessage decode(byte[] data, Map<String, String> attributes, String messageId) {
        byte[] presentData = data == null ? new byte[0] : data;
        Map<String, String> presentAttributes = attributes == null ? Map.of() : attributes;
        JsonNode body = null;
        try {
            checkSize(presentData);
            checkVersion(presentAttributes);
            body = parseObject(presentData);
            return accept(body, presentAttributes, messageId);
        } catch (InvalidMessageException e) {
            return new DecodedMessage.Rejected(e.reason(), e.getMessage(), messageId, rawEventId(body));
        }
    }

    /**
     * RFC 3339 in UTC, to the microsecond as the database stores times; the fraction is left out when it is
     * zero, e.g. {@code 2025-12-05T10:30:00Z} and {@code 2025-12-05T10:30:00.000250Z}.
     */
    public static String formatTimestamp(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return micros.getNano() == 0 ? WHOLE_SECONDS.format(micros) : MICROSECONDS.format(micros);
    }

    /**
     * The event id that stands in for a missing {@code event_id}: a name-based UUID of the message id, so
     * every redelivery of one message carries the same id and cleanup stays idempotent.
     */
    public static UUID eventIdForMessage(String messageId) {
        return UUID.nameUUIDFromBytes(("pubsub-message:" + messageId).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] body(PoolMemberRemoved event) {
        ObjectNode body = JSON.createObjectNode()
                .put(EVENT_TYPE, EventType.POOL_MEMBER_REMOVED.wireName())
                .put(EVENT_ID, event.eventId().toString())
                .put(POOL_ID, event.poolId().toString())
                .put(USER_ID, event.userId().toString());
        event.timestamp().ifPresent(timestamp -> body.put(TIMESTAMP, formatTimestamp(timestamp)));
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("writing a JSON tree of strings cannot fail, yet it did", e);
        }
    }

    private static DecodedMessage accept(JsonNode body, Map<String, String> attributes, String messageId)
            throws InvalidMessageException {
        EventType type = eventType(body);
        UUID poolId = requiredId(body, POOL_ID);
        UUID userId = requiredId(body, USER_ID);
        Optional<Instant> timestamp = timestamp(body);
        checkAttributesAgree(attributes, type, poolId, userId);

        Optional<UUID> eventId = optionalId(body, EVENT_ID);
        UUID effectiveEventId = eventId.isPresent() ? eventId.get() : standInEventId(messageId);

        PoolMemberRemoved event = new PoolMemberRemoved(effectiveEventId, poolId, userId, timestamp);
        return new DecodedMessage.Accepted(event, messageId, eventId.isEmpty());
    }

    private static void checkSize(byte[] data) throws InvalidMessageException {
        if (data.length > MAX_MESSAGE_BYTES) {
            throw new InvalidMessageException(
                    RejectionReason.TOO_LARGE,
                    "message body is " + data.length + " bytes, more than the " + MAX_MESSAGE_BYTES
                            + " an event may have; publish ids only");
        }
    }

    private static void checkVersion(Map<String, String> attributes) throws InvalidMessageException {
        String version = attributes.get(ATTRIBUTE_VERSION);
        if (version != null && !version.equals(VERSION)) {
            throw new InvalidMessageException(
                    RejectionReason.UNSUPPORTED_VERSION,
                    "attribute version '" + Shown.value(version) + "' is not supported; this consumer reads version "
                            + VERSION);
        }
    }

    private static JsonNode parseObject(byte[] data) throws InvalidMessageException {
        JsonNode body = parseJson(utf8(data));
        if (!body.isObject()) {
            throw new InvalidMessageException(
                    RejectionReason.NOT_OBJECT,
                    "message body is a JSON " + body.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object");
        }
        return body;
    }

    private static String utf8(byte[] data) throws InvalidMessageException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidMessageException(
                    RejectionReason.NOT_UTF8, "message body is not valid UTF-8 (" + e.getMessage() + ")");
        }
    }

    private static JsonNode parseJson(String text) throws InvalidMessageException {
        try {
            JsonNode body = JSON.readTree(text);
            if (body == null || body.isMissingNode()) {
                throw new InvalidMessageException(RejectionReason.NOT_JSON, "message body is empty");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException(
                    RejectionReason.NOT_JSON,
                    "message body is not JSON: " + Shown.value(e.getOriginalMessage(), Shown.LONGEST_PARSER_MESSAGE));
        }
    }

    private static EventType eventType(JsonNode body) throws InvalidMessageException {
        String name = requiredText(body, EVENT_TYPE, RejectionReason.UNKNOWN_EVENT_TYPE);
        return EventType.fromWireName(name)
                .orElseThrow(() -> new InvalidMessageException(
                        RejectionReason.UNKNOWN_EVENT_TYPE,
                        "event_type '" + Shown.value(name)
                                + "' is unknown; expected pool_member_removed or user_left_pool"));
    }

    private static UUID requiredId(JsonNode body, String field) throws InvalidMessageException {
        return uuid(field, requiredText(body, field, RejectionReason.INVALID_ID));
    }

    private static Optional<UUID> optionalId(JsonNode body, String field) throws InvalidMessageException {
        Optional<String> text = optionalText(body, field, RejectionReason.INVALID_ID);
        return text.isPresent() ? Optional.of(uuid(field, text.get())) : Optional.empty();
    }

    private static UUID uuid(String field, String text) throws InvalidMessageException {
        return parseUuid(text)
                .orElseThrow(() -> new InvalidMessageException(
                        RejectionReason.INVALID_ID, field + " '" + Shown.value(text) + "' is not a UUID"));
    }

    private static Optional<UUID> parseUuid(String text) {
        return UUID_TEXT.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }

    private static Optional<Instant> timestamp(JsonNode body) throws InvalidMessageException {
        Optional<String> text = optionalText(body, TIMESTAMP, RejectionReason.INVALID_TIMESTAMP);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant instant = OffsetDateTime.parse(text.get(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
            return Optional.of(instant.truncatedTo(ChronoUnit.MICROS));
        } catch (DateTimeParseException e) {
            throw new InvalidMessageException(
                    RejectionReason.INVALID_TIMESTAMP,
                    "timestamp '" + Shown.value(text.get())
                            + "' is not an RFC 3339 time with offset, like 2025-12-05T10:30:00Z");
        }
    }

    private static void checkAttributesAgree(Map<String, String> attributes, EventType type, UUID poolId, UUID userId)
            throws InvalidMessageException {
        String typeAttribute = attributes.get(ATTRIBUTE_EVENT_TYPE);
        if (typeAttribute != null && EventType.fromWireName(typeAttribute).isEmpty()) {
            throw mismatch(ATTRIBUTE_EVENT_TYPE, typeAttribute, type.wireName());
        }
        checkIdAttributeAgrees(attributes, ATTRIBUTE_POOL_ID, poolId);
        checkIdAttributeAgrees(attributes, ATTRIBUTE_USER_ID, userId);
    }

    private static void checkIdAttributeAgrees(Map<String, String> attributes, String name, UUID bodyId)
            throws InvalidMessageException {
        String attribute = attributes.get(name);
        if (attribute != null && !parseUuid(attribute).equals(Optional.of(bodyId))) {
            throw mismatch(name, attribute, bodyId.toString());
        }
    }

    private static InvalidMessageException mismatch(String name, String attribute, String bodyValue) {
        return new InvalidMessageException(
                RejectionReason.ATTRIBUTE_MISMATCH,
                "attribute " + name + " '" + Shown.value(attribute) + "' disagrees with the body's " + name + " '"
                        + bodyValue + "'");
    }

    private static UUID standInEventId(String messageId) throws InvalidMessageException {
        if (messageId == null || messageId.isBlank()) {
            throw new InvalidMessageException(
                    RejectionReason.MISSING_FIELD, "event_id is missing and there is no message id to stand in");
        }
        return eventIdForMessage(messageId);
    }

    private static String requiredText(JsonNode body, String field, RejectionReason wrongType)
            throws InvalidMessageException {
        return optionalText(body, field, wrongType)
                .orElseThrow(() ->
                        new InvalidMessageException(RejectionReason.MISSING_FIELD, "message body has no " + field));
    }

    /** A field absent or null counts as missing; older producers wrote null for what they did not know. */
    private static Optional<String> optionalText(JsonNode body, String field, RejectionReason wrongType)
            throws InvalidMessageException {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidMessageException(
                    wrongType, field + " " + Shown.value(value.toString()) + " is not a string");
        }
        return Optional.of(value.textValue());
    }

    private static Optional<String> rawEventId(JsonNode body) {
        JsonNode eventId = body == null ? null : body.get(EVENT_ID);
        return eventId == null || eventId.isNull() ? Optional.empty() : Optional.of(Shown.value(eventId.asText()));
    }
}
