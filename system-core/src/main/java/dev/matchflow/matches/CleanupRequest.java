package dev.matchflow.matches;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The cleanup of one user's leave of one pool.
 *
 * @param leftAt when the membership ended; matches created after it are kept. Empty: all of them go
 * @param eventId the event that asked for it; a second request with the same id deletes nothing
 */
record CleanupRequest(UUID userId, UUID poolId, Optional<Instant> leftAt, Optional<String> eventId) {}
