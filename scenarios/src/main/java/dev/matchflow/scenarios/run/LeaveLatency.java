package dev.matchflow.scenarios.run;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One leave whose cleanup completed.
 *
 * @param requestedAt when the runner sent {@code DELETE /users/{user_id}/pool}
 * @param cleanedUpAt when the cleanup function finished the event's cleanup in Matches
 */
public record LeaveLatency(UUID userId, UUID eventId, Instant requestedAt, Instant cleanedUpAt) {

    /** From the request to the completed cleanup. */
    public Duration latency() {
        return Duration.between(requestedAt, cleanedUpAt);
    }
}
