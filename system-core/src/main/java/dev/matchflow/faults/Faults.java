package dev.matchflow.faults;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the faults of a running stack on and off, at any time, from any thread. At most one fault of each kind
 * is on per component; switching one on replaces the one of its kind. Every change is logged, told to the
 * listeners, and counted on the stack's {@code /metrics} ({@code stack.faults.active}; {@code stack.faults.injected}
 * counts each time a fault acted, by component and kind).
 *
 * <pre>{@code
 * Faults faults = stack.faults();
 * faults.on("matches failing 0.3 status 503");
 * faults.on(Fault.publishOutage());
 * faults.off("matches failing");
 * faults.clear();
 * }</pre>
 *
 * <p>Random choices (whether a failing call fails, how much jitter) come from the stack's fault seed, one sequence
 * per fault switched on, so a run that switches the same faults in the same order has them strike alike.
 */
public final class Faults {

    private static final Logger log = LoggerFactory.getLogger(Faults.class);

    private final long seed;
    private final Clock clock;
    private final MeterRegistry registry;
    private final FaultBoard board;
    private final Map<FaultBoard.Key, ActiveFault> active = new HashMap<>();
    private final Map<FaultBoard.Key, Consumer<Optional<Fault>>> switches = new HashMap<>();
    private final Map<FaultBoard.Key, String> unsupported = new HashMap<>();
    private final List<Consumer<FaultChange>> listeners = new CopyOnWriteArrayList<>();
    private long switchedOn;

    Faults(long seed, Clock clock, MeterRegistry registry, FaultBoard board) {
        this.seed = seed;
        this.clock = clock;
        this.registry = registry;
        this.board = board;
        Gauge.builder("stack.faults.active", board, FaultBoard::size)
                .description("Faults switched on")
                .register(registry);
    }

    /**
     * Switches the fault on, replacing any fault of its kind on its component.
     *
     * @throws IllegalStateException when this stack cannot inject it (say, Pub/Sub faults on real Google Cloud),
     *     saying why; nothing changes then
     */
    public synchronized ActiveFault on(Fault fault) {
        FaultBoard.Key key = new FaultBoard.Key(fault.component(), fault.kind());
        String reason = unsupported.get(key);
        if (reason != null) {
            throw new IllegalStateException("'" + fault.describe() + "' cannot be injected here: " + reason);
        }
        Optional<ArmedFault> before = board.armed(fault.component(), fault.kind());
        board.arm(new ArmedFault(fault, new Random(seed ^ mix(key, ++switchedOn)), injected(key)));
        try {
            switchFor(key).accept(Optional.of(fault));
        } catch (RuntimeException e) {
            before.ifPresentOrElse(board::arm, () -> board.disarm(fault.component(), fault.kind()));
            throw e;
        }
        ActiveFault switched = new ActiveFault(fault, clock.instant());
        active.put(key, switched);
        log.info("fault on: {}: {}", fault.describe(), fault.explain());
        tell(new FaultChange(fault, true, switched.since()));
        return switched;
    }

    /**
     * Switches on the fault the text describes; see {@link Fault#parse}.
     *
     * @throws IllegalArgumentException when the text is not a fault
     */
    public ActiveFault on(String text) {
        return on(Fault.parse(text));
    }

    /** Switches off the component's fault of this kind; answers false when none was on. */
    public synchronized boolean off(FaultComponent component, FaultKind kind) {
        FaultBoard.Key key = new FaultBoard.Key(component, kind);
        ActiveFault was = active.get(key);
        if (was == null) {
            return false;
        }
        Optional<ArmedFault> armed = board.armed(component, kind);
        board.disarm(component, kind);
        try {
            switchFor(key).accept(Optional.empty());
        } catch (RuntimeException e) {
            armed.ifPresent(board::arm);
            throw e;
        }
        active.remove(key);
        log.info("fault off: {}", was.fault().describe());
        tell(new FaultChange(was.fault(), false, clock.instant()));
        return true;
    }

    /** Switches off every fault of the component; answers how many were on. */
    public synchronized int off(FaultComponent component) {
        int switchedOff = 0;
        for (FaultKind kind : component.kinds()) {
            switchedOff += off(component, kind) ? 1 : 0;
        }
        return switchedOff;
    }

    /**
     * Switches off what the text names: {@code all}, a component ({@code matches}), or a component and a kind
     * ({@code matches slow}, {@code pubsub publish-outage}); parameters after the kind are ignored, so the text that
     * switched a fault on switches it off too. Answers how many faults were on.
     *
     * @throws IllegalArgumentException when the text names no component or kind
     */
    public synchronized int off(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length == 1 && words[0].equalsIgnoreCase("all")) {
            return clear();
        }
        FaultComponent component = FaultComponent.named(words[0]);
        if (words.length == 1) {
            return off(component);
        }
        return off(component, FaultText.kind(component, words[1])) ? 1 : 0;
    }

    /** Switches every fault off; answers how many were on. */
    public synchronized int clear() {
        int switchedOff = 0;
        for (FaultComponent component : FaultComponent.values()) {
            switchedOff += off(component);
        }
        return switchedOff;
    }

    /** The faults that are on, in component and kind order. */
    public synchronized List<ActiveFault> active() {
        List<ActiveFault> on = new ArrayList<>(active.values());
        on.sort(Comparator.comparing((ActiveFault fault) -> fault.fault().component())
                .thenComparing(fault -> fault.fault().kind()));
        return on;
    }

    /** The component's fault of this kind, if it is on. */
    public synchronized Optional<ActiveFault> find(FaultComponent component, FaultKind kind) {
        return Optional.ofNullable(active.get(new FaultBoard.Key(component, kind)));
    }

    public boolean isOn(FaultComponent component, FaultKind kind) {
        return find(component, kind).isPresent();
    }

    /** The seed every fault's random choices come from. */
    public long seed() {
        return seed;
    }

    /**
     * Calls {@code listener} with every change from now on, on the thread that made it, until the returned handle is
     * closed. The listener must return quickly; one that throws is logged and kept.
     */
    public AutoCloseable subscribe(Consumer<FaultChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Has {@code action} run whenever the component's fault of this kind changes, with the fault now on, if any. */
    synchronized void whenSwitched(FaultComponent component, FaultKind kind, Consumer<Optional<Fault>> action) {
        switches.put(new FaultBoard.Key(component, kind), action);
    }

    /** Refuses the component's faults of this kind from now on, saying why. */
    synchronized void refuse(FaultComponent component, FaultKind kind, String reason) {
        unsupported.put(new FaultBoard.Key(component, kind), reason);
    }

    private Consumer<Optional<Fault>> switchFor(FaultBoard.Key key) {
        return switches.getOrDefault(key, fault -> {});
    }

    private Counter injected(FaultBoard.Key key) {
        return Counter.builder("stack.faults.injected")
                .description("Times a fault acted: a request slowed or failed, a delivery held, a crash")
                .tag("component", key.component().wireName())
                .tag("kind", key.kind().wireName())
                .register(registry);
    }

    private void tell(FaultChange change) {
        for (Consumer<FaultChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("fault listener {} failed on '{}'", listener, change.describe(), e);
            }
        }
    }

    private static long mix(FaultBoard.Key key, long switchNumber) {
        long mixed = (key.component().ordinal() * 31L + key.kind().ordinal()) * 0x9E3779B97F4A7C15L;
        return mixed + switchNumber * 0xBF58476D1CE4E5B9L;
    }
}
