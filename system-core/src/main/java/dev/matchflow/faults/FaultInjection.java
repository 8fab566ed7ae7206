package dev.matchflow.faults;

import com.google.cloud.functions.CloudEventsFunction;
import dev.matchflow.http.RequestGate;
import dev.matchflow.matches.CleanupCheckpoints;
import dev.matchflow.trigger.DeliveryPlanner;
import dev.matchflow.usermatch.LeaveCheckpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a stack's faults act: the seams the stack installs in its parts as it starts them, all reading the faults
 * that {@link #controls()} switches. A stack builds one; everyone else uses its {@link Faults}.
 */
public final class FaultInjection {

    private final FaultBoard board = new FaultBoard();
    private final Faults faults;

    /** Injection points whose random choices come from {@code seed}, counting on {@code registry}. */
    public FaultInjection(long seed, MeterRegistry registry) {
        this.faults = new Faults(seed, Clock.systemUTC(), registry, board);
    }

    /** The switches. */
    public Faults controls() {
        return faults;
    }

    /** The gate of an HTTP service's server: slow, failing, or down with a status. */
    public RequestGate requestGate(FaultComponent service) {
        if (!service.isHttpService()) {
            throw new IllegalArgumentException(service.wireName() + " is not an HTTP service of the stack");
        }
        return new ServiceFaults(service, board);
    }

    /** How the trigger hands on each delivery: failing, slow, delayed, reordered, duplicated. */
    public DeliveryPlanner deliveryPlanner() {
        return new DeliveryFaults(board);
    }

    /** The function as its host should run it: slow or crashing. */
    public CloudEventsFunction function(CloudEventsFunction function) {
        return new FunctionFaults(function, board);
    }

    /** What runs inside Matches' cleanup transactions: the database down, slow or failing mid-transaction. */
    public CleanupCheckpoints cleanupCheckpoints() {
        return new CleanupFaults(board);
    }

    /** What runs in a leave between the Pools commit and the outbox write: the crash of User-Match. */
    public LeaveCheckpoint leaveCheckpoint() {
        return new LeaveCrash(board);
    }

    /**
     * A relay in front of the component's port that refuses every connection while the component is down (without a
     * status); callers must reach the component through it.
     */
    public LoopbackProxy front(FaultComponent component, int port) {
        LoopbackProxy proxy = LoopbackProxy.start(component.wireName(), port, () -> Duration.ZERO);
        faults.whenSwitched(component, FaultKind.DOWN, down -> {
            if (down.isPresent() && down.get().parameters().status().isEmpty()) {
                proxy.refuse();
            } else {
                proxy.resume();
            }
        });
        return proxy;
    }

    /**
     * A relay in front of Pub/Sub's port for publishers, holding every chunk while Pub/Sub is slow; it listens
     * unless Pub/Sub is down now. Switching Pub/Sub down or up is the caller's, through {@link #whenSwitched}.
     */
    public LoopbackProxy frontPublishing(int port) {
        LoopbackProxy proxy = LoopbackProxy.start(FaultComponent.PUBSUB.wireName(), port, this::publishLatency);
        if (board.armed(FaultComponent.PUBSUB, FaultKind.DOWN).isPresent()) {
            proxy.refuse();
        }
        return proxy;
    }

    /** Has {@code action} run whenever the component's fault of this kind changes, with the fault now on, if any. */
    public void whenSwitched(FaultComponent component, FaultKind kind, Consumer<Optional<Fault>> action) {
        faults.whenSwitched(component, kind, action);
    }

    /** Refuses the component's faults of this kind, because this stack cannot inject them, saying why. */
    public void refuse(FaultComponent component, FaultKind kind, String reason) {
        faults.refuse(component, kind, reason);
    }

    private Duration publishLatency() {
        return board.armed(FaultComponent.PUBSUB, FaultKind.SLOW)
                .map(ArmedFault::latency)
                .orElse(Duration.ZERO);
    }
}
