package dev.matchflow.usermatch;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to {@code DELETE /users/{user_id}/pool}.
 *
 * @param leftAt when Pools ended the membership; the event's timestamp
 * @param eventId the id of the {@code pool_member_removed} event of this leave
 * @param event what became of the event
 */
public record LeaveOutcome(UUID poolId, UUID userId, Instant leftAt, UUID eventId, EventDelivery event) {}
