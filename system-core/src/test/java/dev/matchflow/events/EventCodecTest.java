package dev.matchflow.events;

import static dev.matchflow.events.EventFixtures.EVENT_ID;
import static dev.matchflow.events.EventFixtures.POOL_ID;
import static dev.matchflow.events.EventFixtures.USER_ID;
import static dev.matchflow.events.EventFixtures.matchingAttributes;
import static dev.matchflow.events.EventFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.pubsub.v1.PubsubMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCodecTest {

    private static final String MESSAGE_ID = "1234567890123456";
    private static final Instant LEFT_AT = Instant.parse("2025-12-05T10:30:00Z");

    @Nested
    class Encoding {

        @Test
        void bodyIsTheContractsSnakeCaseJson() throws Exception {
            PoolMemberRemoved event = new PoolMemberRemoved(EVENT_ID, POOL_ID, USER_ID, LEFT_AT);

            EncodedEvent encoded = EventCodec.encode(event);

            ObjectMapper json = new ObjectMapper();
            assertThat(json.readTree(encoded.data())).isEqualTo(json.readTree(payload("pool-member-removed.json")));
        }

        @Test
        void fieldsAppearInTheContractsOrder() {
            PoolMemberRemoved event = new PoolMemberRemoved(EVENT_ID, POOL_ID, USER_ID, LEFT_AT);

            String body = EventCodec.encode(event).dataAsString();

            assertThat(body)
                    .isEqualTo("{\"event_type\":\"pool_member_removed\",\"event_id\":\"" + EVENT_ID
                            + "\",\"pool_id\":\"" + POOL_ID + "\",\"user_id\":\"" + USER_ID
                            + "\",\"timestamp\":\"2025-12-05T10:30:00Z\"}");
        }

        @Test
        void attributesAndOrderingKeyIdentifyTheUser() {
            PoolMemberRemoved event = new PoolMemberRemoved(EVENT_ID, POOL_ID, USER_ID, LEFT_AT);

            EncodedEvent encoded = EventCodec.encode(event);

            assertThat(encoded.attributes()).isEqualTo(matchingAttributes());
            assertThat(encoded.orderingKey()).isEqualTo(USER_ID.toString());
        }

        @Test
        void timestampKeepsMicrosecondsAndDropsNanoseconds() {
            Instant leftAt = Instant.parse("2025-12-05T10:30:00.000250999Z");

            String formatted = EventCodec.formatTimestamp(leftAt);

            assertThat(formatted).isEqualTo("2025-12-05T10:30:00.000250Z");
        }

        @Test
        void eventWithoutTimestampHasNoTimestampField() throws Exception {
            PoolMemberRemoved event = new PoolMemberRemoved(EVENT_ID, POOL_ID, USER_ID, Optional.empty());

            JsonNode body = new ObjectMapper().readTree(EventCodec.encode(event).data());

            assertThat(body.has("timestamp")).isFalse();
        }

        @Test
        void pubsubMessageCarriesBodyAttributesAndOrderingKey() {
            EncodedEvent encoded = EventCodec.encode(new PoolMemberRemoved(EVENT_ID, POOL_ID, USER_ID, LEFT_AT));

            PubsubMessage message = encoded.toPubsubMessage();

            assertThat(message.getData().toByteArray()).isEqualTo(encoded.data());
            assertThat(message.getAttributesMap()).isEqualTo(encoded.attributes());
            assertThat(message.getOrderingKey()).isEqualTo(USER_ID.toString());
        }

        @Test
        void encodedEventsWithEqualContentAreEqual() {
            PoolMemberRemoved event = new PoolMemberRemoved(EVENT_ID, POOL_ID, USER_ID, LEFT_AT);

            EncodedEvent first = EventCodec.encode(event);
            EncodedEvent second = EventCodec.encode(event);

            assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
        }

        @Test
        void whatAProducerEncodesAConsumerDecodesUnchanged() {
            PoolMemberRemoved event =
                    new PoolMemberRemoved(EVENT_ID, POOL_ID, USER_ID, Instant.parse("2025-12-05T10:30:00.123456Z"));
            EncodedEvent encoded = EventCodec.encode(event);

            DecodedMessage decoded = EventCodec.decode(encoded.data(), encoded.attributes(), MESSAGE_ID);

            assertThat(decoded).isEqualTo(new DecodedMessage.Accepted(event, MESSAGE_ID, false));
        }
    }

    @Nested
    class DecodingValidMessages {

        @Test
        void currentEventWithMatchingAttributesIsAccepted() {
            DecodedMessage decoded =
                    EventCodec.decode(payload("pool-member-removed.json"), matchingAttributes(), MESSAGE_ID);

            PoolMemberRemoved expected = new PoolMemberRemoved(EVENT_ID, POOL_ID, USER_ID, LEFT_AT);
            assertThat(decoded).isEqualTo(new DecodedMessage.Accepted(expected, MESSAGE_ID, false));
        }

        @Test
        void messageWithoutAttributesIsAccepted() {
            DecodedMessage decoded = EventCodec.decode(payload("pool-member-removed.json"), Map.of(), MESSAGE_ID);

            assertThat(decoded).isInstanceOf(DecodedMessage.Accepted.class);
        }

        @Test
        void nullAttributesCountAsNone() {
            DecodedMessage decoded = EventCodec.decode(payload("pool-member-removed.json"), null, MESSAGE_ID);

            assertThat(decoded).isInstanceOf(DecodedMessage.Accepted.class);
        }

        @Test
        void olderEventNameWithoutEventIdOrTimestampUsesTheMessageId() {
            DecodedMessage decoded = EventCodec.decode(payload("user-left-pool-legacy.json"), Map.of(), MESSAGE_ID);

            PoolMemberRemoved expected =
                    new PoolMemberRemoved(EventCodec.eventIdForMessage(MESSAGE_ID), POOL_ID, USER_ID, Optional.empty());
            assertThat(decoded).isEqualTo(new DecodedMessage.Accepted(expected, MESSAGE_ID, true));
        }

        @Test
        void nullEventIdAndTimestampCountAsMissing() {
            DecodedMessage decoded = EventCodec.decode(payload("legacy-with-nulls.json"), Map.of(), MESSAGE_ID);

            assertThat(decoded).isInstanceOfSatisfying(DecodedMessage.Accepted.class, accepted -> {
                assertThat(accepted.eventIdFromMessageId()).isTrue();
                assertThat(accepted.event().timestamp()).isEmpty();
            });
        }

        @Test
        void redeliveriesOfOneMessageGetTheSameStandInEventId() {
            byte[] legacy = payload("user-left-pool-legacy.json");

            DecodedMessage first = EventCodec.decode(legacy, Map.of(), MESSAGE_ID);
            DecodedMessage redelivered = EventCodec.decode(legacy, Map.of(), MESSAGE_ID);
            DecodedMessage other = EventCodec.decode(legacy, Map.of(), "999");

            assertThat(eventIdOf(first)).isEqualTo(eventIdOf(redelivered)).isNotEqualTo(eventIdOf(other));
        }

        @Test
        void timestampWithOffsetIsReadAsUtcToTheMicrosecond() {
            DecodedMessage decoded =
                    EventCodec.decode(payload("pool-member-removed-microseconds.json"), Map.of(), MESSAGE_ID);

            assertThat(decoded)
                    .isInstanceOfSatisfying(
                            DecodedMessage.Accepted.class,
                            accepted -> assertThat(accepted.event().timestamp())
                                    .contains(Instant.parse("2025-12-05T10:30:00.123456Z")));
        }

        @Test
        void olderEventNameInTheAttributesAgreesWithTheCurrentOneInTheBody() {
            Map<String, String> attributes = new HashMap<>(matchingAttributes());
            attributes.put("event_type", "user_left_pool");

            DecodedMessage decoded = EventCodec.decode(payload("pool-member-removed.json"), attributes, MESSAGE_ID);

            assertThat(decoded).isInstanceOf(DecodedMessage.Accepted.class);
        }

        @Test
        void idAttributesInUpperCaseAgreeWithTheBody() {
            Map<String, String> attributes = new HashMap<>(matchingAttributes());
            attributes.put("pool_id", POOL_ID.toString().toUpperCase(Locale.ROOT));

            DecodedMessage decoded = EventCodec.decode(payload("pool-member-removed.json"), attributes, MESSAGE_ID);

            assertThat(decoded).isInstanceOf(DecodedMessage.Accepted.class);
        }

        @Test
        void unrelatedAttributesAreIgnored() {
            Map<String, String> attributes = new HashMap<>(matchingAttributes());
            attributes.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

            DecodedMessage decoded = EventCodec.decode(payload("pool-member-removed.json"), attributes, MESSAGE_ID);

            assertThat(decoded).isInstanceOf(DecodedMessage.Accepted.class);
        }

        private static Object eventIdOf(DecodedMessage decoded) {
            return ((DecodedMessage.Accepted) decoded).event().eventId();
        }
    }

    @Nested
    class RejectingInvalidMessages {

        @ParameterizedTest(name = "{0} is rejected as {1}")
        @CsvSource({
            "missing-user-id.json, missing_field",
            "missing-event-type.json, missing_field",
            "pool-id-not-uuid.json, invalid_id",
            "pool-id-short-uuid.json, invalid_id",
            "user-id-number.json, invalid_id",
            "event-id-not-uuid.json, invalid_id",
            "unknown-event-type.json, unknown_event_type",
            "timestamp-without-offset.json, invalid_timestamp",
            "timestamp-epoch-number.json, invalid_timestamp",
            "duplicate-pool-id.json, not_json",
            "truncated.json, not_json",
            "plain-text.txt, not_json",
            "array-body.json, not_object",
        })
        void fixtureIsRejectedWithItsReason(String fixture, String reasonCode) {
            DecodedMessage decoded = EventCodec.decode(payload(fixture), Map.of(), MESSAGE_ID);

            assertThat(decoded).isInstanceOfSatisfying(DecodedMessage.Rejected.class, rejected -> {
                assertThat(rejected.reason().code()).isEqualTo(reasonCode);
                assertThat(rejected.messageId()).isEqualTo(MESSAGE_ID);
            });
        }

        @Test
        void rejectionNamesTheOffendingValue() {
            DecodedMessage decoded = EventCodec.decode(payload("pool-id-not-uuid.json"), Map.of(), MESSAGE_ID);

            assertThat(decoded)
                    .isEqualTo(new DecodedMessage.Rejected(
                            RejectionReason.INVALID_ID,
                            "pool_id 'abc' is not a UUID",
                            MESSAGE_ID,
                            Optional.of(EVENT_ID.toString())));
        }

        @Test
        void aHostileValueIsShownOnOneLineAndCutShort() {
            String forged = "abc\n12:00:00.000 INFO  cleanup done user_id=" + "x".repeat(1_000);
            String body = "{\"event_type\":\"pool_member_removed\",\"event_id\":\"" + EVENT_ID + "\",\"pool_id\":\""
                    + forged.replace("\n", "\\n") + "\",\"user_id\":\"" + EVENT_ID + "\"}";

            DecodedMessage decoded = EventCodec.decode(body.getBytes(StandardCharsets.UTF_8), Map.of(), MESSAGE_ID);

            assertThat(decoded)
                    .isInstanceOfSatisfying(
                            DecodedMessage.Rejected.class,
                            rejected -> assertThat(rejected.message())
                                    .startsWith("pool_id 'abc\\u000a12:00:00.000 INFO  cleanup done user_id=xx")
                                    .endsWith("... (" + forged.length() + " characters)' is not a UUID")
                                    .doesNotContain("\n")
                                    .hasSizeLessThan(200));
        }

        @Test
        void bodyThatIsNotUtf8IsRejected() {
            byte[] latin1 = "{\"event_type\":\"pool_member_removed\",\"note\":\"caf\u00e9\"}"
                    .getBytes(StandardCharsets.ISO_8859_1);

            DecodedMessage decoded = EventCodec.decode(latin1, Map.of(), MESSAGE_ID);

            assertThat(reasonOf(decoded)).isEqualTo(RejectionReason.NOT_UTF8);
        }

        @Test
        void emptyBodyIsNotJson() {
            DecodedMessage decoded = EventCodec.decode(new byte[0], Map.of(), MESSAGE_ID);

            assertThat(reasonOf(decoded)).isEqualTo(RejectionReason.NOT_JSON);
        }

        @Test
        void missingBodyIsNotJson() {
            DecodedMessage decoded = EventCodec.decode(null, Map.of(), MESSAGE_ID);

            assertThat(reasonOf(decoded)).isEqualTo(RejectionReason.NOT_JSON);
        }

        @Test
        void bodyOverTheSizeLimitIsRejectedUnread() {
            byte[] huge = new byte[EventCodec.MAX_MESSAGE_BYTES + 1];
            Arrays.fill(huge, (byte) ' ');

            DecodedMessage decoded = EventCodec.decode(huge, Map.of(), MESSAGE_ID);

            assertThat(reasonOf(decoded)).isEqualTo(RejectionReason.TOO_LARGE);
        }

        @Test
        void versionOtherThanOneIsUnsupported() {
            Map<String, String> attributes = new HashMap<>(matchingAttributes());
            attributes.put("version", "2");

            DecodedMessage decoded = EventCodec.decode(payload("pool-member-removed.json"), attributes, MESSAGE_ID);

            assertThat(reasonOf(decoded)).isEqualTo(RejectionReason.UNSUPPORTED_VERSION);
        }

        @ParameterizedTest(name = "attribute {0}={1} disagrees with the body")
        @CsvSource({
            "pool_id, 33333333-3333-4333-8333-333333333333",
            "user_id, 33333333-3333-4333-8333-333333333333",
            "user_id, not-a-uuid",
            "event_type, pool_member_added",
        })
        void attributeThatDisagreesWithTheBodyIsAMismatch(String attribute, String value) {
            Map<String, String> attributes = new HashMap<>(matchingAttributes());
            attributes.put(attribute, value);

            DecodedMessage decoded = EventCodec.decode(payload("pool-member-removed.json"), attributes, MESSAGE_ID);

            assertThat(reasonOf(decoded)).isEqualTo(RejectionReason.ATTRIBUTE_MISMATCH);
        }

        @Test
        void missingEventIdWithoutAMessageIdIsMissing() {
            DecodedMessage decoded = EventCodec.decode(payload("user-left-pool-legacy.json"), Map.of(), null);

            assertThat(reasonOf(decoded)).isEqualTo(RejectionReason.MISSING_FIELD);
        }

        private static RejectionReason reasonOf(DecodedMessage decoded) {
            assertThat(decoded).isInstanceOf(DecodedMessage.Rejected.class);
            return ((DecodedMessage.Rejected) decoded).reason();
        }
    }
}
