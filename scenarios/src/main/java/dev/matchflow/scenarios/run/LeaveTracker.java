package dev.matchflow.scenarios.run;

import dev.matchflow.cleanup.CleanupFunction;
import dev.matchflow.observability.SpanAttributes;
import dev.matchflow.stack.SystemStack;
import dev.matchflow.usermatch.LeaveOutcome;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times every leave of a run from its request to its completed cleanup. The cleanup function's invocation span
 * tells when the cleanup of an event ended, and how; the first one that cleaned up (or found the event already
 * cleaned up) completes the leave. A cleanup may end before the leave's answer reaches the runner; either order
 * completes it.
 */
final class LeaveTracker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaveTracker.class);
    private static final Set<String> COMPLETED_OUTCOMES = Set.of("cleaned", "duplicate");

    private final Consumer<LeaveLatency> onCleanedUp;
    private final AutoCloseable subscription;
    private final Map<String, Instant> cleanupsWithoutLeave = new HashMap<>();
    private final Map<String, LeaveOutcome> leavesWithoutCleanup = new HashMap<>();
    private final Map<String, Instant> requestedAt = new HashMap<>();
    private final List<LeaveLatency> cleanedUp = new ArrayList<>();
    private int leaves;

    LeaveTracker(SystemStack stack, Consumer<LeaveLatency> onCleanedUp) {
        this.onCleanedUp = onCleanedUp;
        this.subscription = stack.subscribeSpans(this::spanEnded);
    }

    /** Notes a leave User-Match answered, sent at {@code requested}. */
    void left(Instant requested, LeaveOutcome outcome) {
        String eventId = outcome.eventId().toString();
        Instant cleanedAt;
        synchronized (this) {
            leaves++;
            cleanedAt = cleanupsWithoutLeave.remove(eventId);
            if (cleanedAt == null) {
                leavesWithoutCleanup.put(eventId, outcome);
                requestedAt.put(eventId, requested);
                return;
            }
        }
        complete(new LeaveLatency(outcome.userId(), outcome.eventId(), requested, cleanedAt));
    }

    synchronized int leaves() {
        return leaves;
    }

    /** The leaves whose cleanup completed, in the order they completed. */
    synchronized List<LeaveLatency> cleanedUp() {
        return List.copyOf(cleanedUp);
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            log.warn("the leave tracker could not stop listening to the stack's spans: {}", e.toString());
        }
    }

    private void spanEnded(SpanData span) {
        if (!span.getName().equals(CleanupFunction.INVOCATION_SPAN)
                || !COMPLETED_OUTCOMES.contains(span.getAttributes().get(SpanAttributes.OUTCOME))) {
            return;
        }
        String eventId = span.getAttributes().get(SpanAttributes.EVENT_ID);
        if (eventId == null) {
            return;
        }
        Instant endedAt = Instant.ofEpochSecond(0, span.getEndEpochNanos());
        LeaveOutcome leave;
        Instant requested;
        synchronized (this) {
            leave = leavesWithoutCleanup.remove(eventId);
            if (leave == null) {
                cleanupsWithoutLeave.putIfAbsent(eventId, endedAt);
                return;
            }
            requested = requestedAt.remove(eventId);
        }
        complete(new LeaveLatency(leave.userId(), leave.eventId(), requested, endedAt));
    }

    private void complete(LeaveLatency latency) {
        synchronized (this) {
            cleanedUp.add(latency);
        }
        onCleanedUp.accept(latency);
    }
}
