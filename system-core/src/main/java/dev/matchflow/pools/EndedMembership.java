package dev.matchflow.pools;

import java.time.Instant;
import java.util.UUID;

/**
 * A membership that has just ended.
 *
 * @param leftAt when it ended, to the microsecond; cleanup of the leave keeps matches created after it
 */
public record EndedMembership(UUID poolId, UUID userId, Instant joinedAt, Instant leftAt) {}
