package dev.matchflow.pools;

import dev.matchflow.db.Database;
import dev.matchflow.db.SqlErrors;
import dev.matchflow.db.SqlTimes;
import dev.matchflow.http.ApiException;
import dev.matchflow.http.ApiServer;
import dev.matchflow.http.HttpSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pools service: pools, and which user is in which pool. A user is in at most one pool, and each
 * pool's {@code member_count} always equals its membership rows.
 */
public final class PoolsService {

    /** The service's name in logs, metrics and errors. */
    public static final String NAME = "pools";

    private static final Logger log = LoggerFactory.getLogger(PoolsService.class);
    private static final int MAX_NAME_LENGTH = 200;

    private final Database database;
    private final Clock clock;
    private final PoolRepository repository = new PoolRepository();

    PoolsService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Starts the Pools HTTP API over the database, which must already be open. */
    public static ApiServer start(Database database, HttpSettings settings) {
        return start(database, settings, Clock.systemUTC());
    }

    /** Starts the Pools HTTP API with the clock that dates joins and leaves. */
    public static ApiServer start(Database database, HttpSettings settings, Clock clock) {
        PoolsService pools = new PoolsService(database, clock);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return ApiServer.start(NAME, settings, registry, app -> PoolsRoutes.register(app, pools));
    }

    Pool create(String name, Integer capacity) {
        validateName(name);
        if (capacity != null && capacity < 1) {
            throw ApiException.invalidBody("capacity " + capacity + " must be at least 1, or left out for no limit");
        }
        Pool pool = new Pool(UUID.randomUUID(), name.strip(), capacity, 0, SqlTimes.now(clock));
        database.inTransaction(connection -> {
            repository.insert(connection, pool);
            return pool;
        });
        log.info("pool {} created (name '{}', capacity {})", pool.id(), pool.name(), capacity);
        return pool;
    }

    Pool pool(UUID poolId) {
        return database.inTransaction(connection -> repository.find(connection, poolId))
                .orElseThrow(() -> poolNotFound(poolId));
    }

    List<Pool> pools() {
        return database.inTransaction(repository::list);
    }

    Membership join(UUID poolId, UUID userId) {
        Membership membership = database.inTransaction(connection -> join(connection, poolId, userId));
        log.info("user {} joined pool {}", userId, poolId);
        return membership;
    }

    Membership membership(UUID userId) {
        return database.inTransaction(connection -> repository.membership(connection, userId))
                .orElseThrow(() -> notAMember(userId));
    }

    List<Membership> members(UUID poolId) {
        return database.inTransaction(connection -> {
            repository.find(connection, poolId).orElseThrow(() -> poolNotFound(poolId));
            return repository.members(connection, poolId);
        });
    }

    EndedMembership leave(UUID userId) {
        EndedMembership ended = database.inTransaction(connection -> leave(connection, userId));
        log.info("user {} left pool {} at {}", userId, ended.poolId(), ended.leftAt());
        return ended;
    }

    void delete(UUID poolId) {
        boolean deleted = database.inTransaction(connection -> repository.delete(connection, poolId));
        if (!deleted) {
            throw poolNotFound(poolId);
        }
        log.info("pool {} deleted with its members, matches and decisions", poolId);
    }

    private Membership join(Connection connection, UUID poolId, UUID userId) throws SQLException {
        Pool pool = repository.lock(connection, poolId).orElseThrow(() -> poolNotFound(poolId));
        var existing = repository.membership(connection, userId);
        if (existing.isPresent()) {
            throw alreadyInAPool(userId, existing.get().poolId());
        }
        if (pool.capacity() != null && pool.memberCount() >= pool.capacity()) {
            throw ApiException.conflict("pool " + poolId + " is full (capacity " + pool.capacity() + ")");
        }
        Membership membership = new Membership(poolId, userId, SqlTimes.now(clock));
        try {
            repository.addMember(connection, membership);
        } catch (SQLException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw alreadyInAPool(userId, null);
            }
            throw e;
        }
        return membership;
    }

    private EndedMembership leave(Connection connection, UUID userId) throws SQLException {
        Membership seen = repository.membership(connection, userId).orElseThrow(() -> notAMember(userId));
        // Lock the pool before the membership, in the order joins take them, so the two never deadlock.
        repository.lock(connection, seen.poolId());
        Membership membership = repository
                .lockMembership(connection, userId)
                .filter(locked -> locked.poolId().equals(seen.poolId()))
                .orElseThrow(() -> notAMember(userId));
        repository.removeMember(connection, membership);
        return new EndedMembership(
                membership.poolId(), membership.userId(), membership.joinedAt(), SqlTimes.now(clock));
    }

    private static void validateName(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalidBody("field 'name' is required");
        }
        if (name.strip().length() > MAX_NAME_LENGTH) {
            throw ApiException.invalidBody(
                    "name is " + name.strip().length() + " characters long; the most is " + MAX_NAME_LENGTH);
        }
    }

    private static ApiException poolNotFound(UUID poolId) {
        return ApiException.notFound("pool " + poolId + " does not exist");
    }

    private static ApiException notAMember(UUID userId) {
        return ApiException.notFound("user " + userId + " is not in any pool");
    }

    private static ApiException alreadyInAPool(UUID userId, UUID poolId) {
        String where = poolId == null ? "a pool" : "pool " + poolId;
        return ApiException.conflict(
                "user " + userId + " is already in " + where + "; leave it before joining another");
    }
}
