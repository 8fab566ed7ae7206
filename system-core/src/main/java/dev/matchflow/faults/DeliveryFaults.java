package dev.matchflow.faults;

import dev.matchflow.trigger.DeliveryPlan;
import dev.matchflow.trigger.DeliveryPlanner;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The faults between the subscription and the function, planned per delivery: a failing trigger hands deliveries
 * back, a slow trigger and a Pub/Sub delay hold them, reordering holds each a random time, duplication POSTs each
 * more than once. One user's messages keep their order whatever the holds: a message is never released before an
 * earlier one of its ordering key, as Pub/Sub's ordering guarantees.
 */
final class DeliveryFaults implements DeliveryPlanner {

    private static final int KEYS_BEFORE_PRUNING = 10_000;

    private final FaultBoard board;
    private final Map<String, Long> lastReleaseByKey = new HashMap<>();

    DeliveryFaults(FaultBoard board) {
        this.board = board;
    }

    @Override
    public DeliveryPlan plan(String messageId, String orderingKey) {
        Optional<ArmedFault> failing = board.armed(FaultComponent.TRIGGER, FaultKind.FAILING);
        if (failing.isPresent() && failing.get().strikes()) {
            return DeliveryPlan.refused(
                    "the trigger failed to hand it on (fault '" + failing.get().fault() + "')");
        }
        Duration hold = Duration.ZERO;
        Optional<ArmedFault> slow = board.armed(FaultComponent.TRIGGER, FaultKind.SLOW);
        if (slow.isPresent()) {
            hold = hold.plus(slow.get().latency());
        }
        Optional<ArmedFault> delay = board.armed(FaultComponent.PUBSUB, FaultKind.DELAY);
        if (delay.isPresent()) {
            delay.get().acted();
            hold = hold.plus(delay.get().parameters().delay());
        }
        Optional<ArmedFault> reorder = board.armed(FaultComponent.PUBSUB, FaultKind.REORDER);
        if (reorder.isPresent()) {
            hold = hold.plus(reorder.get().within(reorder.get().parameters().window()));
        }
        return new DeliveryPlan(inKeyOrder(orderingKey, hold), copies(), Optional.empty());
    }

    private int copies() {
        Optional<ArmedFault> duplicate = board.armed(FaultComponent.PUBSUB, FaultKind.DUPLICATE);
        duplicate.ifPresent(ArmedFault::acted);
        return duplicate.map(fault -> fault.parameters().copies()).orElse(1);
    }

    /** The hold, lengthened so that the message is not released before an earlier message of its ordering key. */
    private synchronized Duration inKeyOrder(String orderingKey, Duration hold) {
        if (orderingKey.isEmpty()) {
            return hold;
        }
        long now = System.nanoTime();
        long release = now + hold.toNanos();
        Long earlier = lastReleaseByKey.get(orderingKey);
        if (earlier != null && earlier - release > 0) {
            release = earlier;
        }
        if (release - now > 0) {
            lastReleaseByKey.put(orderingKey, release);
        }
        if (lastReleaseByKey.size() > KEYS_BEFORE_PRUNING) {
            lastReleaseByKey.values().removeIf(released -> released - now <= 0);
        }
        return Duration.ofNanos(Math.max(0, release - now));
    }
}
