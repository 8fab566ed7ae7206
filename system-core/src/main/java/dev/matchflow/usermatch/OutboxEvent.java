package dev.matchflow.usermatch;

import dev.matchflow.events.EncodedEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code event_outbox}: a leave's event and where its publishing stands.
 *
 * @param id the order of creation; one user's events are published in this order
 * @param message what is published, exactly as it was encoded when the user left
 * @param attempts publish attempts that have ended, successful or not
 * @param nextAttemptAt when a relay may try again after a failure
 * @param claimedBy the relay publishing it now, or {@code null}
 * @param claimedUntil when that relay's claim lapses, or {@code null}
 * @param publishedAt when it was published, {@code null} while pending
 * @param messageId the id Pub/Sub gave the message, {@code null} while pending
 * @param lastError why the latest failed attempt failed, kept after a later success; {@code null} when none failed
 */
record OutboxEvent(
        long id,
        UUID eventId,
        UUID poolId,
        UUID userId,
        Instant leftAt,
        EncodedEvent message,
        Instant createdAt,
        int attempts,
        Instant nextAttemptAt,
        String claimedBy,
        Instant claimedUntil,
        Instant publishedAt,
        String messageId,
        String lastError) {

    boolean isPending() {
        return publishedAt == null;
    }
}
