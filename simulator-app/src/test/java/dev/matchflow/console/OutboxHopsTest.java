package dev.matchflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.stack.Component;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import dev.matchflow.stack.StackSnapshot.OutboxEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutboxHopsTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant SERVER_TOOK_IT = CREATED.plusMillis(20);
    private static final UUID EVENT = UUID.randomUUID();

    private final OutboxHops hops =
            new OutboxHops(messageId -> messageId.equals("m1") ? Optional.of(SERVER_TOOK_IT) : Optional.empty());

    @Test
    void aNewRowIsAnEventStoredByUserMatch() {
        List<FlowEvent> seen = hops.between(List.of(pending(1, null)));

        assertThat(seen).singleElement().satisfies(hop -> {
            assertThat(hop.from()).isEqualTo(Component.USER_MATCH);
            assertThat(hop.to()).isEqualTo(Component.OUTBOX);
            assertThat(hop.action()).isEqualTo(OutboxHops.STORED);
            assertThat(hop.eventId()).isEqualTo(EVENT.toString());
            assertThat(hop.sequence()).isZero();
        });
    }

    @Test
    void aFailedAttemptIsARetriedPublishWithItsError() {
        hops.between(List.of(pending(1, null)));

        List<FlowEvent> seen = hops.between(List.of(pending(2, "UNAVAILABLE: io exception")));

        assertThat(seen).singleElement().satisfies(hop -> {
            assertThat(hop.outcome()).isEqualTo(FlowOutcome.RETRIED);
            assertThat(hop.detail()).isEqualTo("attempt 2 failed, retrying: UNAVAILABLE: io exception");
        });
    }

    @Test
    void aPublishedRowIsAPublishAtTheTimeTheServerTookIt() {
        hops.between(List.of(pending(1, null)));

        List<FlowEvent> seen = hops.between(List.of(published("m1")));

        assertThat(seen).singleElement().satisfies(hop -> {
            assertThat(hop.to()).isEqualTo(Component.TOPIC);
            assertThat(hop.outcome()).isEqualTo(FlowOutcome.OK);
            assertThat(hop.messageId()).isEqualTo("m1");
            assertThat(hop.at()).isEqualTo(SERVER_TOOK_IT);
        });
        assertThat(hops.between(List.of(published("m1")))).as("nothing changed").isEmpty();
    }

    @Test
    void withoutTheServersTimeThePublishIsStampedWhenTheOutboxRecordedIt() {
        List<FlowEvent> seen = hops.between(List.of(published("m2")));

        assertThat(seen).extracting(FlowEvent::action).containsExactly(OutboxHops.STORED, OutboxHops.PUBLISHED);
        assertThat(seen.get(1).at()).isEqualTo(CREATED.plusMillis(90));
    }

    private static OutboxEntry pending(int attempts, String error) {
        return new OutboxEntry(
                EVENT,
                UUID.randomUUID(),
                UUID.randomUUID(),
                CREATED,
                CREATED,
                attempts,
                Optional.empty(),
                Optional.empty(),
                Optional.ofNullable(error));
    }

    private static OutboxEntry published(String messageId) {
        return new OutboxEntry(
                EVENT,
                UUID.randomUUID(),
                UUID.randomUUID(),
                CREATED,
                CREATED,
                1,
                Optional.of(CREATED.plusMillis(90)),
                Optional.of(messageId),
                Optional.empty());
    }
}
