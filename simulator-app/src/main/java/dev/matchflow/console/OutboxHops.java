package dev.matchflow.console;

import dev.matchflow.stack.Component;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import dev.matchflow.stack.StackSnapshot.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The hops of User-Match's outbox, read off its table between two snapshots: an event stored by a leave, a publish
 * attempt that failed and will be retried, an event published to the topic. The stack's feed does not report them
 * (the relay's publishing is not traced), so the console reads them where they are recorded. Such hops carry
 * sequence 0: they were read, not fed.
 */
public final class OutboxHops {

    /** What a hop read from the outbox is called. */
    public static final String STORED = "store event";

    public static final String PUBLISHED = "publish";

    private final Function<String, Optional<Instant>> publishTimes;
    private Map<UUID, OutboxEntry> known = Map.of();

    /**
     * Hops whose publish is stamped with the time {@code publishTimes} knows for its message id, or else with the
     * time the outbox recorded it.
     */
    public OutboxHops(Function<String, Optional<Instant>> publishTimes) {
        this.publishTimes = publishTimes;
    }

    /** The hops that happened between the last outbox seen and {@code outbox}, oldest first. */
    public List<FlowEvent> between(List<OutboxEntry> outbox) {
        List<FlowEvent> hops = new ArrayList<>();
        Map<UUID, OutboxEntry> now = new HashMap<>(outbox.size() * 2);
        for (OutboxEntry entry : outbox) {
            now.put(entry.eventId(), entry);
            OutboxEntry before = known.get(entry.eventId());
            if (before == null) {
                hops.add(stored(entry));
            }
            if (before != null && entry.attempts() > before.attempts() && entry.isPending()) {
                hops.add(failedPublish(entry));
            }
            if (!entry.isPending() && (before == null || before.isPending())) {
                hops.add(published(entry));
            }
        }
        known = now;
        hops.sort(Comparator.comparing(FlowEvent::at));
        return hops;
    }

    /** Forgets what was seen, as after a reset. */
    public void forget() {
        known = Map.of();
    }

    private static FlowEvent stored(OutboxEntry entry) {
        return hop(
                entry,
                Component.USER_MATCH,
                Component.OUTBOX,
                STORED,
                FlowOutcome.OK,
                entry.createdAt(),
                "left at " + entry.leftAt());
    }

    private static FlowEvent failedPublish(OutboxEntry entry) {
        String error = entry.lastError().orElse("publish failed");
        return hop(
                entry,
                Component.OUTBOX,
                Component.TOPIC,
                PUBLISHED,
                FlowOutcome.RETRIED,
                Instant.now(),
                "attempt " + entry.attempts() + " failed, retrying: " + error);
    }

    private FlowEvent published(OutboxEntry entry) {
        Instant publishedAt = entry.messageId()
                .flatMap(publishTimes)
                .orElseGet(() -> entry.publishedAt().orElseThrow());
        long waited = Duration.between(entry.createdAt(), publishedAt).toMillis();
        return hop(
                entry,
                Component.OUTBOX,
                Component.TOPIC,
                PUBLISHED,
                FlowOutcome.OK,
                publishedAt,
                "published after " + entry.attempts() + " attempt(s), " + waited + " ms in the outbox");
    }

    private static FlowEvent hop(
            OutboxEntry entry,
            Component from,
            Component to,
            String action,
            FlowOutcome outcome,
            Instant at,
            String detail) {
        return new FlowEvent(
                0,
                at,
                from,
                to,
                action,
                outcome,
                entry.eventId().toString(),
                entry.messageId().orElse(null),
                entry.userId().toString(),
                entry.poolId().toString(),
                null,
                Duration.ZERO,
                detail);
    }
}
