package dev.matchflow.pools;

import java.time.Instant;
import java.util.UUID;

/** A user's current place in a pool; a user is in at most one pool. */
public record Membership(UUID poolId, UUID userId, Instant joinedAt) {}
