package dev.matchflow.console.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.stack.Component;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import dev.matchflow.stack.StackSnapshot.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TraceAssemblerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final UUID USER = UUID.randomUUID();
    private static final UUID POOL = UUID.randomUUID();
    private static final UUID EVENT = UUID.randomUUID();
    private static final UUID LATER_EVENT = UUID.randomUUID();

    private final FlowEvent join = hop(1, 0, Component.CLIENT, Component.USER_MATCH, "join", "t-join", null, null);
    private final FlowEvent leave = leave(2, 10, "t-leave");
    private final FlowEvent removal =
            hop(3, 15, Component.USER_MATCH, Component.POOLS, "remove member", "t-leave", null, null);
    private final FlowEvent stored =
            hop(0, 30, Component.USER_MATCH, Component.OUTBOX, "store event", null, EVENT, null);
    private final FlowEvent published = hop(0, 70, Component.OUTBOX, Component.TOPIC, "publish", null, EVENT, "7");
    private final FlowEvent pulled = hop(4, 75, Component.SUBSCRIPTION, Component.TRIGGER, "pull", null, null, "7");
    private final FlowEvent delivered =
            hop(5, 80, Component.TRIGGER, Component.FUNCTION, "deliver", "t-deliver", null, "7");
    private final FlowEvent cleanup =
            hop(6, 90, Component.FUNCTION, Component.MATCHES, "cleanup", "t-deliver", EVENT, "7");
    private final FlowEvent laterLeave = leave(7, 5_000, "t-later");
    private final List<FlowEvent> all =
            List.of(join, leave, removal, pulled, stored, published, delivered, cleanup, laterLeave);
    private final List<OutboxEntry> outbox = List.of(entry(EVENT, 30, "7"), entry(LATER_EVENT, 5_010, "8"));

    @Test
    void aLeaveOpensIntoEveryHopOfItsEventInTheOrderTheyHappened() {
        Trace trace = TraceAssembler.traceOf(leave, all, outbox);

        assertThat(trace.hops()).containsExactly(leave, removal, stored, published, pulled, delivered, cleanup);
        assertThat(trace.offsetOf(cleanup)).isEqualTo(Duration.ofMillis(80));
    }

    @Test
    void theCleanupOpensIntoTheSameTraceBackToTheLeaveRequest() {
        Trace trace = TraceAssembler.traceOf(cleanup, all, outbox);

        assertThat(trace.hops()).containsExactly(leave, removal, stored, published, pulled, delivered, cleanup);
    }

    @Test
    void aHopThatSharesNoIdWithOthersIsATraceOfItsOwn() {
        Trace trace = TraceAssembler.traceOf(join, all, outbox);

        assertThat(trace.hops()).containsExactly(join);
    }

    /** A leave request that took 50 ms. */
    private static FlowEvent leave(long sequence, long millis, String traceId) {
        return new FlowEvent(
                sequence,
                T0.plusMillis(millis),
                Component.CLIENT,
                Component.USER_MATCH,
                "leave",
                FlowOutcome.OK,
                null,
                null,
                USER.toString(),
                null,
                traceId,
                Duration.ofMillis(50),
                "DELETE /users/{user_id}/pool -> 200");
    }

    private static FlowEvent hop(
            long sequence,
            long millis,
            Component from,
            Component to,
            String action,
            String traceId,
            UUID eventId,
            String messageId) {
        return new FlowEvent(
                sequence,
                T0.plusMillis(millis),
                from,
                to,
                action,
                FlowOutcome.OK,
                eventId == null ? null : eventId.toString(),
                messageId,
                USER.toString(),
                null,
                traceId,
                Duration.ZERO,
                "");
    }

    private static OutboxEntry entry(UUID eventId, long createdMillis, String messageId) {
        Instant created = T0.plusMillis(createdMillis);
        return new OutboxEntry(
                eventId,
                USER,
                POOL,
                created,
                created,
                1,
                Optional.of(created.plusMillis(40)),
                Optional.of(messageId),
                Optional.empty());
    }
}
