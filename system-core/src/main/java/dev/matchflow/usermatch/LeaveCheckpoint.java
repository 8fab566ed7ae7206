package dev.matchflow.usermatch;

import java.util.UUID;

/**
 * Runs during a leave after Pools has ended the membership and before the leave's event is stored in the outbox:
 * the one moment when a crash of User-Match leaves a leave without any event. Deployed services use {@link #NONE};
 * the simulator crashes User-Match here on purpose, which the reconciliation sweep of Matches must then repair.
 */
@FunctionalInterface
public interface LeaveCheckpoint {

    /** Does nothing. */
    LeaveCheckpoint NONE = (userId, poolId) -> {};

    /** Pools has committed the end of the user's membership of the pool; the event is not stored yet. */
    void poolsCommitted(UUID userId, UUID poolId);
}
