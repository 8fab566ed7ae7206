package dev.matchflow.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.console.OutboxHops;
import dev.matchflow.pubsub.embedded.SubscriptionStats;
import dev.matchflow.stack.Component;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.stack.StackSnapshot.CleanupRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MetricsSamplerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final MetricsSampler sampler = new MetricsSampler();

    @Test
    void ratesCountTheHopsSinceTheLastSampleAndStartAgain() {
        sampler.record(List.of(
                hop(Component.OUTBOX, Component.TOPIC, OutboxHops.PUBLISHED, FlowOutcome.OK),
                hop(Component.OUTBOX, Component.TOPIC, OutboxHops.PUBLISHED, FlowOutcome.RETRIED),
                hop(Component.TRIGGER, Component.FUNCTION, "deliver", FlowOutcome.OK),
                hop(Component.TRIGGER, Component.FUNCTION, "deliver", FlowOutcome.RETRIED)));

        MetricsSample first = sampler.sample(NOW);
        MetricsSample second = sampler.sample(NOW.plusSeconds(1));

        assertThat(first.published()).isEqualTo(1);
        assertThat(first.invocations()).isEqualTo(2);
        assertThat(first.errors()).isEqualTo(1);
        assertThat(second.second()).isEqualTo(1);
        assertThat(second.invocations()).isZero();
    }

    @Test
    void latencyRunsFromTheLeaveToTheRecordedCleanupOverTheLastThirtySeconds() {
        List<CleanupRecord> cleanups = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            cleanups.add(cleanup(Duration.ofMillis(i), NOW.minusSeconds(1)));
        }
        cleanups.add(cleanup(Duration.ofMillis(5_000), NOW.minusSeconds(31)));

        sampler.record(snapshot(cleanups, 7));
        MetricsSample sample = sampler.sample(NOW);

        assertThat(sample.latencyMedianMillis()).isEqualTo(50.0);
        assertThat(sample.latencyP99Millis()).isEqualTo(99.0);
        assertThat(sample.backlog()).isEqualTo(7);
    }

    @Test
    void withoutCleanupsThereIsNoLatency() {
        assertThat(sampler.sample(NOW).latencyMedianMillis()).isNaN();
    }

    private static FlowEvent hop(Component from, Component to, String action, FlowOutcome outcome) {
        return new FlowEvent(1, NOW, from, to, action, outcome, null, "1", null, null, null, Duration.ZERO, "");
    }

    private static CleanupRecord cleanup(Duration took, Instant processedAt) {
        return new CleanupRecord(
                UUID.randomUUID().toString(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                Optional.of(processedAt.minus(took)),
                1,
                0,
                0,
                processedAt);
    }

    private static StackSnapshot snapshot(List<CleanupRecord> cleanups, long backlog) {
        SubscriptionStats trigger = new SubscriptionStats(backlog, 0, 0, 0, 0, 0, 0);
        SubscriptionStats deadLetters = new SubscriptionStats(0, 0, 0, 0, 0, 0, 0);
        return new StackSnapshot(
                NOW,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                cleanups,
                List.of(),
                new StackSnapshot.MessageEndings(Set.of(), Set.of(), Set.of()),
                List.of(),
                Optional.of(new StackSnapshot.PubSubState(trigger, deadLetters)),
                List.of());
    }
}
