package dev.matchflow.pools;

import java.time.Instant;
import java.util.UUID;

/**
 * A pool users join to be offered matches.
 *
 * @param capacity the most members it takes, {@code null} for no limit
 * @param memberCount how many members it has now
 */
public record Pool(UUID id, String name, Integer capacity, int memberCount, Instant createdAt) {}
