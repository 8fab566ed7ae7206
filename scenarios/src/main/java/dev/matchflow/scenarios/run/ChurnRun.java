package dev.matchflow.scenarios.run;

import dev.matchflow.scenarios.churn.ChurnOperation;
import dev.matchflow.scenarios.churn.ChurnPlanner;
import dev.matchflow.scenarios.churn.MatchHandle;
import dev.matchflow.scenarios.language.ChurnSpec;
import dev.matchflow.scenarios.language.ChurnSpec.Operation;
import dev.matchflow.scenarios.language.Names;
import dev.matchflow.stack.SystemStack;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a churn: draws its operations from a {@link ChurnPlanner} and sends them at the churn's rate on the
 * scenario clock, up to its concurrency at once. A user's operations are sent in the order they were drawn,
 * each once the one before it is answered, so the churn means the same on a slow stack as on a fast one.
 */
final class ChurnRun {

    private static final Logger log = LoggerFactory.getLogger(ChurnRun.class);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SystemStack stack;
    private final Actions actions;
    private final RunControl control;
    private final Listeners listeners;
    private final int stepNumber;
    private final Map<Operation, Tally> byKind = new EnumMap<>(Operation.class);
    private final Map<String, CompletableFuture<Void>> lastOf = new HashMap<>();
    private final AtomicInteger started = new AtomicInteger();

    ChurnRun(SystemStack stack, Actions actions, RunControl control, Listeners listeners, int stepNumber) {
        this.stack = stack;
        this.actions = actions;
        this.control = control;
        this.listeners = listeners;
        this.stepNumber = stepNumber;
        for (Operation kind : Operation.values()) {
            byKind.put(kind, new Tally());
        }
    }

    /**
     * What a churn did.
     *
     * @param summary its operations, by kind and answer
     * @param problem why it failed, when a fault of it could not be switched
     */
    record Outcome(String summary, Optional<String> problem) {}

    /** Runs the churn to its end and says what it did; its requests are counted into {@code tally}. */
    Outcome run(ChurnSpec spec, long seed, Tally tally) throws InterruptedException {
        ChurnPlanner planner = new ChurnPlanner(spec, seed, start(spec), this::newMatch);
        Semaphore slots = new Semaphore(spec.concurrency());
        AtomicInteger threads = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(spec.concurrency(), task -> {
            Thread thread = new Thread(task, "churn-" + stepNumber + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Duration begin = control.elapsed();
        long beginNanos = System.nanoTime();
        boolean exhausted = false;
        FaultWindows faults = new FaultWindows(spec.faults(), stack.faults(), control, begin);
        try {
            long nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
            while (!control.isStopped() && !finished(spec, begin)) {
                Optional<ChurnOperation> operation = planner.next();
                if (operation.isEmpty()) {
                    exhausted = true;
                    break;
                }
                pace(spec, begin);
                slots.acquire();
                send(operation.get(), senders, slots, tally);
                if (System.nanoTime() > nextProgress) {
                    progress(spec, begin, tally);
                    nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
                }
            }
            slots.acquire(spec.concurrency());
        } finally {
            faults.close();
            senders.shutdownNow();
        }
        progress(spec, begin, tally);
        String summary = summary(Duration.ofNanos(System.nanoTime() - beginNanos), exhausted);
        if (faults.switchedOn() > 0) {
            summary += "; faults switched on " + faults.switchedOn() + " times";
        }
        return new Outcome(summary, faults.problem());
    }

    private ChurnPlanner.Start start(ChurnSpec spec) {
        World world = actions.world();
        Map<String, String> poolOfUser = world.memberships();
        Map<String, String> lastLeft = new HashMap<>();
        spec.users().forEach(user -> world.lastLeftPool(user).ifPresent(pool -> lastLeft.put(user, pool)));
        Map<String, Integer> sizes = new HashMap<>();
        poolOfUser.values().forEach(pool -> sizes.merge(pool, 1, Integer::sum));
        Map<String, Integer> capacities = new HashMap<>();
        spec.pools().forEach(pool -> world.capacity(pool).ifPresent(capacity -> capacities.put(pool, capacity)));
        List<MatchHandle> open =
                world.matches().stream().filter(MatchHandle::isOpen).toList();
        return new ChurnPlanner.Start(poolOfUser, lastLeft, sizes, capacities, open);
    }

    private MatchHandle newMatch(String pool, String userA, String userB) {
        return actions.world().newMatch(Optional.empty(), pool, userA, userB);
    }

    private boolean finished(ChurnSpec spec, Duration begin) {
        if (spec.operations().isPresent()) {
            return started.get() >= spec.operations().get();
        }
        return control.elapsed().minus(begin).compareTo(spec.duration().orElseThrow()) >= 0;
    }

    /** Waits for the operation's turn on the scenario clock; without a rate, only while paused. */
    private void pace(ChurnSpec spec, Duration begin) throws InterruptedException {
        if (spec.rate().isPresent()) {
            long dueNanos = (long) (started.get() * 1e9 / spec.rate().getAsDouble());
            control.awaitScenarioTime(begin.plusNanos(dueNanos));
        } else {
            control.awaitRunning();
        }
    }

    /** Sends the operation once every earlier operation of its users is answered. */
    private void send(ChurnOperation operation, ExecutorService senders, Semaphore slots, Tally tally) {
        started.incrementAndGet();
        CompletableFuture<?>[] before = operation.users().stream()
                .map(user -> lastOf.getOrDefault(user, CompletableFuture.completedFuture(null)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture<Void> sent = CompletableFuture.allOf(before)
                .handle((ignored, error) -> null)
                .thenRunAsync(() -> answer(operation, slots, tally), senders);
        operation.users().forEach(user -> lastOf.put(user, sent));
    }

    private void answer(ChurnOperation operation, Semaphore slots, Tally tally) {
        try {
            control.awaitRunning();
            Answer answer = execute(operation);
            tally.count(answer);
            byKind.get(operation.kind()).count(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("churn operation {} broke unexpectedly; it counts as failed", operation, e);
            Answer broken = new Answer(Answer.NO_ANSWER, Optional.of(operation + " broke: " + e));
            tally.count(broken);
            byKind.get(operation.kind()).count(broken);
        } finally {
            slots.release();
        }
    }

    private Answer execute(ChurnOperation operation) {
        if (operation instanceof ChurnOperation.Join join) {
            return actions.join(join.user(), join.pool());
        } else if (operation instanceof ChurnOperation.Leave leave) {
            return actions.leave(leave.user());
        } else if (operation instanceof ChurnOperation.CreateMatch create) {
            return actions.createMatch(create.match());
        }
        ChurnOperation.Decide decide = (ChurnOperation.Decide) operation;
        return actions.decide(decide.match(), decide.user(), decide.choice());
    }

    private void progress(ChurnSpec spec, Duration begin, Tally tally) {
        OptionalInt planned = spec.operations().map(OptionalInt::of).orElse(OptionalInt.empty());
        listeners.churnProgress(
                stepNumber,
                new ChurnProgress(
                        started.get(),
                        planned,
                        tally.counts(),
                        control.elapsed().minus(begin)));
    }

    private String summary(Duration took, boolean exhausted) {
        String kinds = byKind.entrySet().stream()
                .filter(kind -> kind.getValue().counts().total() > 0)
                .map(kind -> kind.getKey().id() + " " + kind.getValue().counts().summary())
                .collect(Collectors.joining("; "));
        double perSecond = started.get() / Math.max(took.toNanos() / 1e9, 1e-9);
        return String.format(
                        Locale.ROOT,
                        "%,d operations in %s (%,.0f/s)%s: ",
                        started.get(),
                        Names.duration(took),
                        perSecond,
                        exhausted ? ", then nothing was left to do" : "")
                + kinds;
    }
}
