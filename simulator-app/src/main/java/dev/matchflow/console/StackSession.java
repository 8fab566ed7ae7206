package dev.matchflow.console;

import dev.matchflow.db.DatabaseSettings;
import dev.matchflow.pubsub.embedded.BrokerListener;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.StackClient;
import dev.matchflow.stack.StackSettings;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.stack.SystemStack;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack behind the console, and every thread that talks to it. Starting, resetting and stopping run one at a
 * time on a lifecycle thread; actions run on a small pool; a poller reads a snapshot every {@link #POLL_MILLIS}
 * ms. The screens get the stack's flow and snapshots through {@link #events()} and {@link #snapshots()}, on the FX
 * thread, in batches: the FX thread never calls the stack.
 */
public final class StackSession implements AutoCloseable {

    /** How often the state of the system is read. */
    public static final long POLL_MILLIS = 400;

    private static final Logger log = LoggerFactory.getLogger(StackSession.class);
    private static final int EVENTS_PER_BEAT = 5_000;

    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(daemons("console-stack"));
    private final ExecutorService actions = Executors.newFixedThreadPool(3, daemons("console-action"));
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(daemons("console-poll"));
    private final List<StackAttachment> attachments = new CopyOnWriteArrayList<>();
    private final List<Runnable> resetListeners = new CopyOnWriteArrayList<>();
    private final Deque<AutoCloseable> attached = new ArrayDeque<>();
    private final OutboxHops outboxHops = new OutboxHops(this::publishTime);
    private final LiveUpdates live;
    private final UiBatch<FlowEvent> events;
    private final UiLatest<StackSnapshot> snapshots;
    private final ReadOnlyObjectWrapper<SessionState> state = new ReadOnlyObjectWrapper<>(SessionState.STOPPED);
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("not started");
    private volatile StackSettings settings;
    private volatile RunningStack running;
    private volatile PublishTimes publishTimes;

    public StackSession(StackSettings settings, LiveUpdates live) {
        this.settings = settings;
        this.live = live;
        this.events = live.newBatch(EVENTS_PER_BEAT);
        this.snapshots = live.newLatest();
        poller.schedule(this::pollAndReschedule, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Every hop through the system, from the stack's feed and from its outbox table, in batches. */
    public UiBatch<FlowEvent> events() {
        return events;
    }

    /**
     * The state of the system, read every {@link #POLL_MILLIS} ms, or less often when reading takes long: the poller
     * rests twice as long as its last read took, so a system of a hundred thousand matches is not read flat out.
     */
    public UiLatest<StackSnapshot> snapshots() {
        return snapshots;
    }

    public ReadOnlyObjectProperty<SessionState> state() {
        return state.getReadOnlyProperty();
    }

    /** One line about the stack: its backend, time scale and endpoints, or why it is not running. */
    public ReadOnlyStringProperty description() {
        return description.getReadOnlyProperty();
    }

    public StackSettings settings() {
        return settings;
    }

    /** The stack running now, if one is. */
    public Optional<RunningStack> running() {
        return Optional.ofNullable(running);
    }

    /** Keeps {@code attachment} running beside every stack started from now on. */
    public void attach(StackAttachment attachment) {
        attachments.add(attachment);
    }

    /** Calls {@code listener} on the FX thread whenever a reset empties the system, before the new stack starts. */
    public void onReset(Runnable listener) {
        resetListeners.add(listener);
    }

    /** Starts the stack in the background; its failure is shown in the error dialog. */
    public CompletableFuture<Void> start() {
        setState(SessionState.STARTING, "starting the stack...");
        return CompletableFuture.runAsync(this::startStack, lifecycle).whenComplete(this::started);
    }

    /**
     * Stops the stack and starts an empty one, at {@code timeScale}, on a new in-memory database (a database given
     * by URL is kept as it is); the screens are cleared first.
     */
    public CompletableFuture<Void> reset(double timeScale) {
        StackSettings next = fresh(settings.withTimeScale(timeScale));
        if (!next.database().ephemeral()) {
            log.warn(
                    "reset restarts the stack on {}, which keeps its rows; only an in-memory database starts empty",
                    next.database().describe());
        }
        return resetTo(next);
    }

    /** Stops the stack and starts one with {@code next} settings, as a scenario asks; the screens are cleared first. */
    public CompletableFuture<Void> resetTo(StackSettings next) {
        resetListeners.forEach(Runnable::run);
        setState(SessionState.STARTING, "resetting to an empty system...");
        return CompletableFuture.runAsync(
                        () -> {
                            stopStack();
                            live.clear();
                            settings = next;
                            startStack();
                        },
                        lifecycle)
                .whenComplete(this::started);
    }

    /**
     * Runs {@code work} on the running stack, off the FX thread. A failure is shown in the error dialog, saying
     * {@code what} was being done, and completes the returned future exceptionally.
     */
    public <T> CompletableFuture<T> act(String what, Function<RunningStack, T> work) {
        CompletableFuture<T> result = CompletableFuture.supplyAsync(
                () -> work.apply(running()
                        .orElseThrow(() -> new IllegalStateException(
                                "the stack is not running yet; wait until the status bar says it is ready"))),
                actions);
        result.whenComplete((value, error) -> {
            if (error != null) {
                ErrorDialog.show(what + " failed", error);
            }
        });
        return result;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        actions.shutdownNow();
        CompletableFuture.runAsync(this::stopStack, lifecycle).join();
        lifecycle.shutdown();
    }

    private void startStack() {
        SystemStack stack = SystemStack.start(settings);
        outboxHops.forget();
        attached.push(stack.flow().subscribe(events::offer));
        watchPublishes(stack);
        for (StackAttachment attachment : attachments) {
            try {
                attached.push(attachment.attach(stack));
            } catch (Exception e) {
                log.warn("the console could not watch part of the stack ({}); that screen stays empty", e.toString());
            }
        }
        running = new RunningStack(stack, StackClient.of(stack));
    }

    private void watchPublishes(SystemStack stack) {
        publishTimes = null;
        stack.broker().ifPresent(broker -> {
            PublishTimes times = new PublishTimes(stack.settings().topic());
            publishTimes = times;
            BrokerListener listener = times::record;
            broker.addListener(listener);
            attached.push(() -> broker.removeListener(listener));
        });
    }

    private Optional<Instant> publishTime(String messageId) {
        PublishTimes times = publishTimes;
        return times == null ? Optional.empty() : times.of(messageId);
    }

    private void stopStack() {
        RunningStack stopping = running;
        running = null;
        while (!attached.isEmpty()) {
            try {
                attached.pop().close();
            } catch (Exception e) {
                log.warn("a watcher of the stack did not stop cleanly: {}", e.toString());
            }
        }
        if (stopping != null) {
            stopping.stack().close();
        }
    }

    private void started(Void ignored, Throwable error) {
        if (error != null) {
            setState(SessionState.FAILED, "the stack did not start: " + error.getMessage());
            ErrorDialog.show("Starting the stack failed", error);
            return;
        }
        SystemStack stack = running.stack();
        setState(
                SessionState.RUNNING,
                "running on " + stack.settings().pubsub().name().toLowerCase(Locale.ROOT) + " Pub/Sub and "
                        + database(stack) + ", time scale " + stack.settings().timeScale() + "x");
    }

    /** An in-memory database is replaced by a new one, so the system starts empty; any other is kept. */
    private static StackSettings fresh(StackSettings settings) {
        return settings.database().ephemeral() ? settings.withDatabase(DatabaseSettings.inMemory()) : settings;
    }

    private static String database(SystemStack stack) {
        return stack.settings().database().ephemeral()
                ? "an in-memory database"
                : stack.settings().database().describe();
    }

    private void pollAndReschedule() {
        long started = System.nanoTime();
        poll();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        try {
            poller.schedule(this::pollAndReschedule, Math.max(POLL_MILLIS, 2 * tookMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            log.debug("the console is closing; the state of the system is no longer read");
        }
    }

    private void poll() {
        RunningStack now = running;
        if (now == null) {
            return;
        }
        try {
            StackSnapshot snapshot = now.stack().snapshot();
            if (now == running) {
                outboxHops.between(snapshot.outbox()).forEach(events::offer);
                snapshots.set(snapshot);
            }
        } catch (RuntimeException e) {
            if (now == running) {
                log.warn(
                        "reading the state of the system failed; the screens show the last state read: {}",
                        e.toString());
            }
        }
    }

    private void setState(SessionState newState, String text) {
        Runnable update = () -> {
            state.set(newState);
            description.set(text);
        };
        if (Platform.isFxApplicationThread()) {
            update.run();
        } else {
            Platform.runLater(update);
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
