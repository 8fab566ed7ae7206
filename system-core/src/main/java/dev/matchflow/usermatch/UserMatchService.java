package dev.matchflow.usermatch;

import dev.matchflow.db.Database;
import dev.matchflow.db.DatabaseException;
import dev.matchflow.db.SqlTimes;
import dev.matchflow.events.EventCodec;
import dev.matchflow.events.PoolMemberRemoved;
import dev.matchflow.http.ApiException;
import dev.matchflow.http.ApiServer;
import dev.matchflow.http.ErrorCode;
import dev.matchflow.pools.EndedMembership;
import dev.matchflow.pools.Membership;
import dev.matchflow.pools.PoolsClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The User-Match service: users join and leave pools through it, and it tells the rest of the system about
 * each leave with a {@code pool_member_removed} event.
 *
 * <p>A leave is done by Pools first; then its event is stored in the outbox and published at once if Pub/Sub
 * takes it within the publish wait, otherwise by the relay later. Publishing never delays the leave beyond
 * that wait and never undoes it.
 */
public final class UserMatchService {

    /** The service's name in logs, metrics and errors. */
    public static final String NAME = "usermatch";

    private static final Logger log = LoggerFactory.getLogger(UserMatchService.class);

    private final Database database;
    private final PoolsClient pools;
    private final OutboxRepository outbox;
    private final Optional<OutboxRelay> relay;
    private final OutboxMetrics metrics;
    private final Duration publishWait;
    private final LeaveCheckpoint checkpoint;
    private final Clock clock;

    private UserMatchService(
            Database database,
            PoolsClient pools,
            OutboxRepository outbox,
            Optional<OutboxRelay> relay,
            OutboxMetrics metrics,
            Duration publishWait,
            LeaveCheckpoint checkpoint,
            Clock clock) {
        this.database = database;
        this.pools = pools;
        this.outbox = outbox;
        this.relay = relay;
        this.metrics = metrics;
        this.publishWait = publishWait;
        this.checkpoint = checkpoint;
        this.clock = clock;
    }

    /**
     * Starts the User-Match HTTP API and its outbox relay over the database, which must already be open.
     * Events are published through {@code publisher} unless the settings disable publishing; the database
     * and the publisher stay the caller's to close.
     */
    public static UserMatchServer start(Database database, UserMatchSettings settings, EventPublisher publisher) {
        if (!settings.publishingEnabled()) {
            return startWithoutPublishing(database, settings);
        }
        return start(database, settings, Optional.of(Objects.requireNonNull(publisher, "publisher")));
    }

    /** Starts the User-Match HTTP API with publishing disabled: each leave's event is only logged. */
    public static UserMatchServer startWithoutPublishing(Database database, UserMatchSettings settings) {
        log.info("event publishing is disabled (ENABLE_EVENT_PUBLISHING=false): leave events are only logged");
        return start(database, settings, Optional.empty());
    }

    private static UserMatchServer start(
            Database database, UserMatchSettings settings, Optional<EventPublisher> publisher) {
        Clock clock = Clock.systemUTC();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OutboxMetrics metrics = new OutboxMetrics(registry);
        OutboxRepository outbox = new OutboxRepository();
        Optional<OutboxRelay> relay =
                publisher.map(events -> new OutboxRelay(database, outbox, events, settings.relay(), metrics, clock));
        PoolsClient pools = PoolsClient.create(settings.poolsServiceUrl())
                .withOpenTelemetry(settings.http().openTelemetry());
        UserMatchService userMatch = new UserMatchService(
                database, pools, outbox, relay, metrics, settings.publishWait(), settings.leaveCheckpoint(), clock);
        metrics.watchBacklog(userMatch::pendingEvents);

        ApiServer api =
                ApiServer.start(NAME, settings.http(), registry, app -> UserMatchRoutes.register(app, userMatch));
        relay.ifPresent(OutboxRelay::start);
        return new UserMatchServer(api, userMatch, relay);
    }

    Membership join(UUID userId, UUID poolId) {
        Membership membership = pools.join(poolId, userId);
        log.info("user {} joined pool {}", userId, poolId);
        return membership;
    }

    Membership membership(UUID userId) {
        return pools.membership(userId)
                .orElseThrow(() -> ApiException.notFound("user " + userId + " is not in any pool"));
    }

    LeaveOutcome leave(UUID userId) {
        EndedMembership ended = pools.leave(userId);
        checkpoint.poolsCommitted(userId, ended.poolId());
        PoolMemberRemoved event = new PoolMemberRemoved(UUID.randomUUID(), ended.poolId(), userId, ended.leftAt());

        EventDelivery delivery =
                relay.map(outboxRelay -> deliver(event, outboxRelay)).orElseGet(() -> logOnly(event));

        log.info(
                "user {} left pool {} at {}; event {} {}",
                userId,
                event.poolId(),
                ended.leftAt(),
                event.eventId(),
                delivery.wireName());
        return new LeaveOutcome(event.poolId(), userId, ended.leftAt(), event.eventId(), delivery);
    }

    int pendingEvents() {
        return database.inTransaction(outbox::pending);
    }

    private EventDelivery deliver(PoolMemberRemoved event, OutboxRelay outboxRelay) {
        OutboxEvent stored = store(event, outboxRelay);
        boolean publishableNow = outboxRelay.id().equals(stored.claimedBy());
        return publishableNow ? publishPromptly(stored, outboxRelay) : EventDelivery.QUEUED;
    }

    /**
     * Stores the event, claimed for an immediate publish unless an earlier event of the user is still pending
     * and so must be published first.
     */
    private OutboxEvent store(PoolMemberRemoved event, OutboxRelay outboxRelay) {
        try {
            return database.inTransaction(connection -> store(connection, event, outboxRelay));
        } catch (DatabaseException e) {
            throw eventLost(event, e);
        }
    }

    private OutboxEvent store(Connection connection, PoolMemberRemoved event, OutboxRelay outboxRelay)
            throws SQLException {
        boolean firstOfItsUser = outbox.pendingOf(connection, event.userId()) == 0;
        Optional<Claim> claim = firstOfItsUser ? Optional.of(outboxRelay.newClaim()) : Optional.empty();
        outbox.insert(connection, event, EventCodec.encode(event), SqlTimes.now(clock), claim);
        return outbox.find(connection, event.eventId()).orElseThrow();
    }

    private EventDelivery publishPromptly(OutboxEvent stored, OutboxRelay outboxRelay) {
        try {
            boolean published = outboxRelay.publish(stored).get(publishWait.toMillis(), TimeUnit.MILLISECONDS);
            return published ? EventDelivery.PUBLISHED : EventDelivery.QUEUED;
        } catch (TimeoutException | ExecutionException stillPending) {
            return EventDelivery.QUEUED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EventDelivery.QUEUED;
        }
    }

    private EventDelivery logOnly(PoolMemberRemoved event) {
        metrics.loggedOnly();
        log.info(
                "event {} not published (publishing is disabled): {}",
                event.eventId(),
                EventCodec.encode(event).dataAsString());
        return EventDelivery.DISABLED;
    }

    private static ApiException eventLost(PoolMemberRemoved event, DatabaseException cause) {
        log.error(
                "user {} left pool {} at {}, but event {} could not be stored in the outbox; no cleanup event exists"
                        + " for this leave, so the user's non-accepted matches stay until a reconciliation sweep",
                event.userId(),
                event.poolId(),
                event.timestamp().orElseThrow(),
                event.eventId(),
                cause);
        return new ApiException(
                ErrorCode.INTERNAL,
                "user " + event.userId() + " left pool " + event.poolId() + ", but the event of the leave ("
                        + event.eventId() + ") could not be stored; the user's non-accepted matches in the pool"
                        + " stay until a reconciliation sweep removes them",
                cause);
    }
}
