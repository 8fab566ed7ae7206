package dev.matchflow.faults;

import dev.matchflow.http.ConnectionDropped;
import dev.matchflow.usermatch.LeaveCheckpoint;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User-Match dying in the middle of a leave: Pools has ended the membership, the event is not stored yet, and the
 * request ends with its connection cut, as when the process dies. No event of that leave will ever exist.
 */
final class LeaveCrash implements LeaveCheckpoint {

    private static final Logger log = LoggerFactory.getLogger(LeaveCrash.class);

    private final FaultBoard board;

    LeaveCrash(FaultBoard board) {
        this.board = board;
    }

    @Override
    public void poolsCommitted(UUID userId, UUID poolId) {
        Optional<ArmedFault> crash = board.armed(FaultComponent.USER_MATCH, FaultKind.CRASH_BEFORE_OUTBOX);
        if (crash.isPresent() && crash.get().strikes()) {
            log.warn(
                    "User-Match dies on purpose after Pools ended user {}'s membership of pool {}: no event is stored"
                            + " for this leave (fault '{}')",
                    userId,
                    poolId,
                    crash.get().fault());
            throw new ConnectionDropped("User-Match died between the Pools commit and the outbox write");
        }
    }
}
