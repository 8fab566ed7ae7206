package dev.matchflow.usermatch;

import dev.matchflow.db.Database;
import dev.matchflow.db.DatabaseException;
import dev.matchflow.db.SqlTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the events of the outbox: every poll it claims the pending events that are due and hands them to
 * the publisher, and records each outcome.
 *
 * <p>A publish stays in flight until the publisher answers. The Pub/Sub client with message ordering retries a
 * transient failure (Pub/Sub unreachable, unavailable, timing out) with its own backoff until it passes, so while
 * Pub/Sub is away the event stays claimed and in flight: a publish unanswered after the publish timeout is
 * reported once (logged, counted, noted on the event) and the relay keeps waiting rather than publishing the
 * event a second time. A publish the publisher gives up on (the topic does not exist, permission is denied) is
 * recorded as failed and tried again after a {@link Backoff} that grows with each failure.
 *
 * <p>One user's events are published in the order they were stored: an event waits while an earlier event of its
 * user is pending. Relays in other processes may share the table: each claims an event before publishing it and
 * renews the claim while the publish is in flight; the claims of a relay that died lapse after the lease, and its
 * events are taken over. Delivery is at least once: a taken-over event may have reached Pub/Sub already.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final String id;
    private final Database database;
    private final OutboxRepository repository;
    private final EventPublisher publisher;
    private final RelaySettings settings;
    private final OutboxMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService poller;
    private final ExecutorService recorder;
    private final Map<UUID, InFlight> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean outboxReadable = new AtomicBoolean(true);
    private Instant lastRenewal;

    /** A publish handed to the publisher and not yet answered. */
    private record InFlight(OutboxEvent event, Instant since, CompletableFuture<Boolean> outcome, AtomicBoolean late) {}

    OutboxRelay(
            Database database,
            OutboxRepository repository,
            EventPublisher publisher,
            RelaySettings settings,
            OutboxMetrics metrics,
            Clock clock) {
        this.id = "relay-" + UUID.randomUUID().toString().substring(0, 8);
        this.database = database;
        this.repository = repository;
        this.publisher = publisher;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.poller = Executors.newSingleThreadScheduledExecutor(daemon("usermatch-" + id + "-poll"));
        this.recorder = Executors.newSingleThreadExecutor(daemon("usermatch-" + id + "-record"));
        this.lastRenewal = clock.instant();
        metrics.watchInFlight(inFlight::size);
    }

    /** Starts polling the outbox. */
    void start() {
        long every = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, 0, every, TimeUnit.MILLISECONDS);
        log.info("outbox relay {} started: publishes pending events to {} every {} ms", id, publisher, every);
    }

    /** The name it claims events under. */
    public String id() {
        return id;
    }

    /** How many events in the outbox are not yet published, by any relay. */
    public int pendingEvents() {
        return database.inTransaction(repository::pending);
    }

    /**
     * Publishes the pending events now, backoff or not, waiting up to the publish timeout for each round of
     * answers (one event per user a round); it stops at the first round that does not publish everything it
     * tried. Events already in flight are left to their publish.
     *
     * @return how many events it published
     */
    public int drainNow() {
        int published = 0;
        while (true) {
            List<CompletableFuture<Boolean>> round = claim(true, settings.maxInFlight()).stream()
                    .map(this::publish)
                    .toList();
            int done = publishedWithinTimeout(round);
            published += done;
            if (round.isEmpty() || done < round.size()) {
                return published;
            }
        }
    }

    /** A claim for an event this relay is about to publish. */
    Claim newClaim() {
        return new Claim(id, SqlTimes.now(clock).plus(settings.lease()));
    }

    /**
     * Hands an event this relay has claimed to the publisher and records the answer when it comes.
     *
     * @return completes with true once the event is recorded as published, false when the publisher gave up on it
     */
    CompletableFuture<Boolean> publish(OutboxEvent event) {
        metrics.attempted();
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        inFlight.put(event.eventId(), new InFlight(event, clock.instant(), outcome, new AtomicBoolean()));
        send(event)
                .handleAsync((messageId, failure) -> record(event, messageId, failure), recorder)
                .whenComplete((published, failure) -> {
                    inFlight.remove(event.eventId());
                    outcome.complete(failure == null && published);
                });
        return outcome;
    }

    /**
     * Stops polling, waits up to the publish timeout for the publishes in flight, and gives back every event it
     * still holds so that another relay can take them at once.
     */
    @Override
    public void close() {
        poller.shutdown();
        awaitTermination(poller);
        awaitInFlight();
        int released = database.inTransaction(connection -> repository.release(connection, id));
        recorder.shutdown();
        awaitTermination(recorder);
        log.info("outbox relay {} stopped; {} pending events released to other relays", id, released);
    }

    private void poll() {
        try {
            renewClaims();
            reportLatePublishes();
            int room = settings.maxInFlight() - inFlight.size();
            if (room > 0) {
                claim(false, room).forEach(this::publish);
            }
            outboxReadableAgain();
        } catch (DatabaseException e) {
            outboxUnreadable(e);
        } catch (RuntimeException e) {
            log.error("outbox relay {} failed unexpectedly while polling; it keeps polling", id, e);
        }
    }

    private List<OutboxEvent> claim(boolean ignoringBackoff, int limit) {
        Instant now = SqlTimes.now(clock);
        Claim claim = newClaim();
        return database.inTransaction(connection -> {
            List<OutboxEvent> claimed = new ArrayList<>();
            for (OutboxEvent event : repository.publishable(connection, now, ignoringBackoff, limit)) {
                if (repository.claim(connection, event.eventId(), claim, now)) {
                    claimed.add(event);
                }
            }
            return claimed;
        });
    }

    /** Keeps the claims of publishes in flight from lapsing; a third of the lease leaves room for slow polls. */
    private void renewClaims() {
        Instant now = clock.instant();
        if (now.isBefore(lastRenewal.plus(settings.lease().dividedBy(3)))) {
            return;
        }
        List<UUID> publishing = List.copyOf(inFlight.keySet());
        Instant until = SqlTimes.now(clock).plus(settings.lease());
        database.inTransaction(connection -> repository.renew(connection, id, publishing, until));
        lastRenewal = now;
    }

    private void reportLatePublishes() {
        Instant overdue = clock.instant().minus(settings.publishTimeout());
        inFlight.values().stream()
                .filter(publish -> publish.since().isBefore(overdue))
                .filter(publish -> publish.late().compareAndSet(false, true))
                .forEach(this::reportLate);
    }

    private void reportLate(InFlight publish) {
        OutboxEvent event = publish.event();
        String note = "no answer from " + publisher + " within "
                + settings.publishTimeout().toMillis() + " ms; the publish is still in flight";
        metrics.unanswered();
        database.inTransaction(connection -> {
            repository.noteDelay(connection, event.eventId(), id, note);
            return null;
        });
        log.warn(
                "event {} (user {}, pool {}) not published yet: {}; relay {} keeps it and waits",
                event.eventId(),
                event.userId(),
                event.poolId(),
                note,
                id);
    }

    private CompletableFuture<String> send(OutboxEvent event) {
        try {
            return publisher.publish(event.message());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private boolean record(OutboxEvent event, String messageId, Throwable failure) {
        try {
            if (failure == null) {
                recordPublished(event, messageId);
                return true;
            }
            recordFailure(event, unwrap(failure));
            return false;
        } catch (DatabaseException e) {
            log.warn(
                    "outcome of publishing event {} (user {}, pool {}) could not be recorded: {}; the event will be"
                            + " published again when the claim of relay {} lapses",
                    event.eventId(),
                    event.userId(),
                    event.poolId(),
                    e.getMessage(),
                    id);
            return false;
        }
    }

    private void recordPublished(OutboxEvent event, String messageId) {
        Instant now = SqlTimes.now(clock);
        database.inTransaction(connection -> repository.markPublished(connection, event.eventId(), messageId, now));
        log.info(
                "event {} published as message {}: user {} left pool {} at {} (attempt {})",
                event.eventId(),
                messageId,
                event.userId(),
                event.poolId(),
                event.leftAt(),
                event.attempts() + 1);
    }

    private void recordFailure(OutboxEvent event, Throwable cause) {
        metrics.refused();
        int failures = event.attempts() + 1;
        Duration wait = settings.backoff().delayAfter(failures, ThreadLocalRandom.current());
        Instant next = SqlTimes.now(clock).plus(wait);
        String error = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        database.inTransaction(connection -> repository.markFailed(connection, event.eventId(), id, error, next));
        log.warn(
                "event {} (user {}, pool {}) not published, attempt {}: {}; next attempt in {} ms",
                event.eventId(),
                event.userId(),
                event.poolId(),
                failures,
                error,
                wait.toMillis());
    }

    private int publishedWithinTimeout(List<CompletableFuture<Boolean>> round) {
        try {
            CompletableFuture.allOf(round.toArray(CompletableFuture[]::new))
                    .get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException someStillInFlight) {
            // Those not answered yet count as not published; they stay in flight.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (int) round.stream().filter(outcome -> outcome.getNow(false)).count();
    }

    private void outboxUnreadable(DatabaseException e) {
        if (outboxReadable.getAndSet(false)) {
            log.warn("outbox relay {} cannot read the outbox: {}; it keeps trying", id, e.getMessage());
        } else {
            log.debug("outbox relay {} still cannot read the outbox: {}", id, e.getMessage());
        }
    }

    private void outboxReadableAgain() {
        if (!outboxReadable.getAndSet(true)) {
            log.info("outbox relay {} reads the outbox again", id);
        }
    }

    private void awaitInFlight() {
        CompletableFuture<?>[] publishes =
                inFlight.values().stream().map(InFlight::outcome).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(publishes).get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn(
                    "outbox relay {} stops with {} publishes unanswered; other relays take their events over",
                    id,
                    inFlight.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
