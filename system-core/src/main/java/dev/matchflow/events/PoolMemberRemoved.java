package dev.matchflow.events;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's membership of a pool ended: their matches in that pool that nobody accepted must go.
 *
 * @param eventId identifies the event across redeliveries; the key of idempotent cleanup
 * @param poolId the pool the user left
 * @param userId the user who left
 * @param timestamp when the membership ended ({@code left_at}); absent in events from older producers,
 *     and then cleanup ignores when matches were created
 */
public record PoolMemberRemoved(UUID eventId, UUID poolId, UUID userId, Optional<Instant> timestamp) {

    public PoolMemberRemoved {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** An event as producers publish it, with the moment the membership ended. */
    public PoolMemberRemoved(UUID eventId, UUID poolId, UUID userId, Instant timestamp) {
        this(eventId, poolId, userId, Optional.of(timestamp));
    }
}
