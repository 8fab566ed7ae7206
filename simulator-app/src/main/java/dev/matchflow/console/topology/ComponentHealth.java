package dev.matchflow.console.topology;

import dev.matchflow.stack.Component;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Tells each part's state from the calls it took recently: down when its last {@link #DOWN_AFTER} calls all
 * failed, failing when at least one in five recent calls failed, slow when its recent calls took {@link #SLOW} or
 * more at the median, up otherwise. Only calls count (requests, deliveries, cleanups, publishes); a message's
 * own fate (a nack, a rejection, a dead letter) says nothing about the part that handled it, and neither does a
 * fault being switched.
 */
public final class ComponentHealth {

    /** How far back calls count. */
    public static final Duration WINDOW = Duration.ofSeconds(5);

    static final int DOWN_AFTER = 3;
    static final Duration SLOW = Duration.ofMillis(500);

    private final Map<Component, Deque<Call>> calls = new EnumMap<>(Component.class);

    /** Notes a hop that arrived at {@code nanoTime}. */
    public void record(FlowEvent hop, long nanoTime) {
        if (!isCall(hop)) {
            return;
        }
        boolean failed = hop.outcome() == FlowOutcome.FAILED || hop.outcome() == FlowOutcome.RETRIED;
        calls.computeIfAbsent(hop.to(), component -> new ArrayDeque<>())
                .addLast(new Call(nanoTime, failed, hop.duration()));
    }

    /** The state of {@code component} at {@code nanoTime}. */
    public ComponentState stateOf(Component component, long nanoTime) {
        List<Call> recent = recent(component, nanoTime);
        if (recent.isEmpty()) {
            return ComponentState.UP;
        }
        long failures = recent.stream().filter(Call::failed).count();
        boolean lastFailed = recent.size() >= DOWN_AFTER
                && recent.subList(recent.size() - DOWN_AFTER, recent.size()).stream()
                        .allMatch(Call::failed);
        if (lastFailed) {
            return ComponentState.DOWN;
        }
        if (failures * 5 >= recent.size()) {
            return ComponentState.FAILING;
        }
        return median(recent).compareTo(SLOW) >= 0 ? ComponentState.SLOW : ComponentState.UP;
    }

    /** Recent calls to {@code component} and how many failed, as {@code 12 calls, 3 failed, median 4 ms}. */
    public String summary(Component component, long nanoTime) {
        List<Call> recent = recent(component, nanoTime);
        if (recent.isEmpty()) {
            return "no calls in the last " + WINDOW.toSeconds() + " s";
        }
        long failures = recent.stream().filter(Call::failed).count();
        return recent.size() + " calls in the last " + WINDOW.toSeconds() + " s, " + failures + " failed, median "
                + median(recent).toMillis() + " ms";
    }

    public void clear() {
        calls.clear();
    }

    private List<Call> recent(Component component, long nanoTime) {
        Deque<Call> all = calls.get(component);
        if (all == null) {
            return List.of();
        }
        while (!all.isEmpty() && nanoTime - all.peekFirst().nanoTime() > WINDOW.toNanos()) {
            all.removeFirst();
        }
        return new ArrayList<>(all);
    }

    private static Duration median(List<Call> recent) {
        List<Duration> durations = recent.stream().map(Call::took).sorted().toList();
        return durations.get(durations.size() / 2);
    }

    private static boolean isCall(FlowEvent hop) {
        return hop.from() != hop.to()
                && !hop.action().startsWith("fault ")
                && hop.to() != Component.DEAD_LETTER_TOPIC
                && hop.from() != Component.SUBSCRIPTION;
    }

    private record Call(long nanoTime, boolean failed, Duration took) {}
}
