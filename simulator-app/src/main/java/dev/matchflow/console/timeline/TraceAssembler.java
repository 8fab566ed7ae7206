package dev.matchflow.console.timeline;

import dev.matchflow.stack.Component;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.StackSnapshot.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Gathers the hops that belong to the same leave as one hop. Hops are tied together by what they share: a trace
 * id (the leave request and its call to Pools; a delivery and the function's cleanup), a message id (every delivery
 * attempt of one message), an event id (the outbox row, the message and the cleanup). A leave and its outbox row
 * share no id: the row is the one stored for that user while the leave request was being answered.
 */
public final class TraceAssembler {

    /** How much later than its request's end an outbox row may be stamped and still belong to it. */
    private static final Duration CLOCK_SLACK = Duration.ofMillis(50);

    private final List<FlowEvent> hops;
    private final List<OutboxEntry> outbox;
    private final Set<String> traceIds = new HashSet<>();
    private final Set<String> messageIds = new HashSet<>();
    private final Set<String> eventIds = new HashSet<>();
    private final Set<FlowEvent> found = new LinkedHashSet<>();

    private TraceAssembler(List<FlowEvent> hops, List<OutboxEntry> outbox) {
        this.hops = hops;
        this.outbox = outbox;
    }

    /** The trace {@code hop} belongs to, among {@code hops}, with {@code outbox} to tie leaves to their events. */
    public static Trace traceOf(FlowEvent hop, List<FlowEvent> hops, List<OutboxEntry> outbox) {
        TraceAssembler assembler = new TraceAssembler(hops, outbox);
        assembler.add(hop);
        boolean grew = true;
        while (grew) {
            grew = assembler.addOutboxRows() | assembler.addLeaves() | assembler.addSharingHops();
        }
        List<FlowEvent> ordered = new ArrayList<>(assembler.found);
        ordered.sort(Comparator.comparing(FlowEvent::at).thenComparingLong(FlowEvent::sequence));
        return new Trace(ordered);
    }

    private boolean add(FlowEvent hop) {
        if (!found.add(hop)) {
            return false;
        }
        addId(traceIds, hop.traceId());
        addId(messageIds, hop.messageId());
        addId(eventIds, hop.eventId());
        return true;
    }

    private boolean addSharingHops() {
        boolean grew = false;
        for (FlowEvent hop : hops) {
            boolean shares = traceIds.contains(hop.traceId())
                    || messageIds.contains(hop.messageId())
                    || eventIds.contains(hop.eventId());
            if (shares) {
                grew |= add(hop);
            }
        }
        return grew;
    }

    private boolean addOutboxRows() {
        boolean grew = false;
        for (OutboxEntry entry : outbox) {
            boolean ofThisTrace = eventIds.contains(entry.eventId().toString())
                    || entry.messageId().map(messageIds::contains).orElse(false)
                    || found.stream().anyMatch(hop -> isLeaveThatStored(hop, entry));
            if (ofThisTrace) {
                grew |= addId(eventIds, entry.eventId().toString());
                grew |= entry.messageId().map(id -> addId(messageIds, id)).orElse(false);
            }
        }
        return grew;
    }

    private boolean addLeaves() {
        boolean grew = false;
        for (OutboxEntry entry : outbox) {
            if (!eventIds.contains(entry.eventId().toString())) {
                continue;
            }
            for (FlowEvent hop : hops) {
                if (isLeaveThatStored(hop, entry)) {
                    grew |= add(hop);
                }
            }
        }
        return grew;
    }

    private static boolean isLeaveThatStored(FlowEvent hop, OutboxEntry entry) {
        if (hop.from() != Component.CLIENT
                || hop.to() != Component.USER_MATCH
                || !hop.action().equals("leave")) {
            return false;
        }
        Instant end = hop.at().plus(hop.duration()).plus(CLOCK_SLACK);
        return Objects.equals(hop.userId(), entry.userId().toString())
                && !entry.createdAt().isBefore(hop.at())
                && !entry.createdAt().isAfter(end);
    }

    private static boolean addId(Set<String> ids, String id) {
        return id != null && !id.isEmpty() && ids.add(id);
    }
}
