package dev.matchflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.stack.StackSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Messages that can never succeed are acknowledged at their first delivery, recorded with their reason in the
 * stack's state and metrics, and never retried or dead-lettered.
 */
class PoisonMessageTest {

    @Test
    void everyPoisonMessageIsAcknowledgedOnceAndRecordedWithItsReason() throws Exception {
        try (FaultedStack system = FaultedStack.inMemory(settings -> settings)) {
            Map<String, String> expectedReasons = new LinkedHashMap<>();
            for (Map.Entry<String, PubsubMessage> poison : poisons().entrySet()) {
                expectedReasons.put(system.stack().publishByHand(poison.getValue()), poison.getKey());
            }

            system.awaitQuiescence();

            StackSnapshot state = system.snapshot();
            Map<String, String> recorded = state.rejections().stream()
                    .collect(Collectors.toMap(StackSnapshot.Rejection::messageId, StackSnapshot.Rejection::reason));
            assertThat(recorded).isEqualTo(expectedReasons);
            assertThat(state.messages().acked()).containsExactlyInAnyOrderElementsOf(expectedReasons.keySet());
            assertThat(state.messages().deadLettered()).isEmpty();
            assertThat(state.pubsub().orElseThrow().deadLetters().backlog()).isZero();
            assertThat(state.cleanups()).isEmpty();
            await().untilAsserted(() -> assertThat(system.hops("deliver"))
                    .as("one delivery per message, none retried")
                    .hasSize(expectedReasons.size()));
            assertThat(system.stackMetric("trigger_deliveries_total{outcome=\"nacked\"}"))
                    .isZero();
            expectedReasons.values().stream()
                    .distinct()
                    .forEach(reason -> assertThat(
                                    system.stackMetric("cleanup_events_rejected_total{reason=\"" + reason + "\"}"))
                            .as(reason)
                            .isEqualTo(expectedReasons.values().stream()
                                    .filter(reason::equals)
                                    .count()));
            system.assertEveryInvariantHolds();
        }
    }

    /** One message of each kind of poison, by the reason it must be rejected with. */
    private static Map<String, PubsubMessage> poisons() {
        String pool = UUID.randomUUID().toString();
        String user = UUID.randomUUID().toString();
        String valid = event("pool_member_removed", pool, user);
        Map<String, PubsubMessage> poisons = new LinkedHashMap<>();
        poisons.put("not_json", message("this is not JSON {", Map.of()));
        poisons.put(
                "not_utf8",
                PubsubMessage.newBuilder()
                        .setData(ByteString.copyFrom(new byte[] {'{', (byte) 0xC3, 0x28, '}'}))
                        .build());
        poisons.put("not_object", message("[\"pool_member_removed\"]", Map.of()));
        poisons.put(
                "missing_field",
                message("{\"event_type\":\"pool_member_removed\",\"pool_id\":\"" + pool + "\"}", Map.of()));
        poisons.put("invalid_id", message(event("pool_member_removed", "test-pool", user), Map.of()));
        poisons.put("unknown_event_type", message(event("pool_deleted", pool, user), Map.of()));
        poisons.put("unsupported_version", message(valid, Map.of("version", "2")));
        poisons.put(
                "attribute_mismatch",
                message(valid, Map.of("user_id", UUID.randomUUID().toString())));
        poisons.put(
                "invalid_timestamp",
                message(
                        "{\"event_type\":\"pool_member_removed\",\"pool_id\":\"" + pool + "\",\"user_id\":\"" + user
                                + "\",\"timestamp\":\"yesterday\"}",
                        Map.of()));
        poisons.put("too_large", message("{\"padding\":\"" + "x".repeat(100_000) + "\"}", Map.of()));
        return poisons;
    }

    private static String event(String type, String pool, String user) {
        return "{\"event_type\":\"" + type + "\",\"event_id\":\"" + UUID.randomUUID() + "\",\"pool_id\":\"" + pool
                + "\",\"user_id\":\"" + user + "\",\"timestamp\":\"2025-12-05T10:30:00Z\"}";
    }

    private static PubsubMessage message(String body, Map<String, String> attributes) {
        return PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(body, StandardCharsets.UTF_8))
                .putAllAttributes(attributes)
                .build();
    }
}
