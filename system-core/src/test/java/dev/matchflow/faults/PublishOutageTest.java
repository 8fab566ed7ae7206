package dev.matchflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.matches.Match;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import dev.matchflow.usermatch.EventDelivery;
import dev.matchflow.usermatch.LeaveOutcome;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** Pub/Sub unreachable during leaves: the outbox keeps every event, through a restart of User-Match, and drains. */
class PublishOutageTest {

    @DatabaseTest
    void theOutboxKeepsEveryEventThroughARestartAndDrainsWhenPubSubReturns(TestDatabase database) throws Exception {
        try (FaultedStack system = FaultedStack.on(database)) {
            List<UUID> leavers = Stream.generate(UUID::randomUUID).limit(3).toList();
            UUID stayer = UUID.randomUUID();
            Pool pool = system.poolWith(leavers.get(0), leavers.get(1), leavers.get(2), stayer);
            List<Match> waiting = leavers.stream()
                    .map(leaver -> system.client().createMatch(pool.id(), leaver, stayer))
                    .toList();
            Match accepted = system.accepted(pool.id(), stayer, leavers.get(0));
            system.faults().on("pubsub publish-outage");

            List<LeaveOutcome> left = leaveAtOnce(system, leavers);
            StackSnapshot duringOutage = system.snapshot();
            system.stack().restartUserMatch();
            StackSnapshot afterRestart = system.snapshot();
            system.faults().off("pubsub publish-outage");
            system.awaitQuiescence();

            assertThat(left).extracting(LeaveOutcome::event).containsOnly(EventDelivery.QUEUED);
            assertThat(duringOutage.pendingEvents()).hasSize(3);
            assertThat(duringOutage.matches()).extracting(Match::id).containsAll(ids(waiting));
            assertThat(afterRestart.pendingEvents())
                    .extracting(StackSnapshot.OutboxEntry::eventId)
                    .containsExactlyInAnyOrderElementsOf(
                            left.stream().map(LeaveOutcome::eventId).toList());
            StackSnapshot drained = system.snapshot();
            assertThat(drained.pendingEvents()).isEmpty();
            assertThat(drained.cleanups())
                    .extracting(StackSnapshot.CleanupRecord::eventId)
                    .containsExactlyInAnyOrderElementsOf(left.stream()
                            .map(leave -> leave.eventId().toString())
                            .toList());
            assertThat(drained.matches()).extracting(Match::id).doesNotContainAnyElementsOf(ids(waiting));
            assertThat(drained.matches()).extracting(Match::id).contains(accepted.id());
            system.assertEveryInvariantHolds();
        }
    }

    /** A leave waits for its publish a moment before answering queued, so the leaves go together. */
    private static List<LeaveOutcome> leaveAtOnce(FaultedStack system, List<UUID> leavers) {
        List<CompletableFuture<LeaveOutcome>> leaves = leavers.stream()
                .map(leaver ->
                        CompletableFuture.supplyAsync(() -> system.client().leave(leaver)))
                .toList();
        return leaves.stream().map(CompletableFuture::join).toList();
    }

    private static List<UUID> ids(List<Match> matches) {
        return matches.stream().map(Match::id).toList();
    }
}
