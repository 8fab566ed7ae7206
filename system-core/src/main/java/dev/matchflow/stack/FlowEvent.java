package dev.matchflow.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing that moved through the system: a request, a publish, a delivery attempt, a cleanup. The console
 * draws it as a token travelling from {@code from} to {@code to}; the timeline groups events by user and event id.
 *
 * @param sequence the order in which the feed saw it, from 1
 * @param action what happened, in a few words ({@code leave}, {@code publish}, {@code deliver}, {@code cleanup})
 * @param eventId the {@code pool_member_removed} event id, when known at this hop
 * @param messageId the Pub/Sub message id, when the hop carries a message
 * @param userId the user concerned, when known
 * @param poolId the pool concerned, when known
 * @param traceId the trace the hop belongs to, when it was traced; one leave's hops share it
 * @param duration how long the hop took, {@link Duration#ZERO} for instantaneous ones
 * @param detail a short human-readable note (status code, counts, rejection reason), never a payload
 */
public record FlowEvent(
        long sequence,
        Instant at,
        Component from,
        Component to,
        String action,
        FlowOutcome outcome,
        String eventId,
        String messageId,
        String userId,
        String poolId,
        String traceId,
        Duration duration,
        String detail) {

    public FlowEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
        detail = detail == null ? "" : detail;
    }

    /** The same event, numbered by the feed. */
    FlowEvent withSequence(long number) {
        return new FlowEvent(
                number, at, from, to, action, outcome, eventId, messageId, userId, poolId, traceId, duration, detail);
    }
}
