package dev.matchflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.matchflow.matches.Match;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import dev.matchflow.usermatch.LeaveOutcome;
import java.util.UUID;

/** A database error in the middle of a cleanup rolls the whole cleanup back; the retry then completes it. */
class CleanupRollbackTest {

    /** Backoffs of 1, 2 and 4 seconds leave time to look at the state between the failed attempts. */
    private static final double TIME_SCALE = 10;

    @DatabaseTest
    void aCleanupThatFailsInTheDatabaseLeavesEverythingAsItWasAndTheRetryCompletesIt(TestDatabase database)
            throws Exception {
        try (FaultedStack system = FaultedStack.on(database, settings -> settings.withTimeScale(TIME_SCALE))) {
            UUID leaver = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            UUID third = UUID.randomUUID();
            Pool pool = system.poolWith(leaver, other, third);
            Match waiting = system.client().createMatch(pool.id(), leaver, other);
            Match rejected = system.rejected(pool.id(), leaver, third);
            Match accepted = system.accepted(pool.id(), other, leaver);
            StackSnapshot before = system.snapshot();
            system.faults().on("database cleanup-error");

            LeaveOutcome left = system.client().leave(leaver);
            await().until(() -> failedCleanups(system) >= 2);
            StackSnapshot afterFailures = system.snapshot();
            system.faults().off("database cleanup-error");
            system.awaitQuiescence();

            assertThat(afterFailures.matches()).isEqualTo(before.matches());
            assertThat(afterFailures.decisions()).isEqualTo(before.decisions());
            assertThat(afterFailures.cleanups())
                    .as("the claim of the event rolled back too")
                    .isEmpty();
            assertThat(system.stackMetric("stack_faults_injected_total{component=\"database\",kind=\"cleanup-error\"}"))
                    .isGreaterThanOrEqualTo(2);
            StackSnapshot after = system.snapshot();
            assertThat(after.matches()).extracting(Match::id).containsExactly(accepted.id());
            assertThat(after.decisionsOn(rejected.id())).isEmpty();
            assertThat(after.cleanups()).singleElement().satisfies(cleanup -> {
                assertThat(cleanup.eventId()).isEqualTo(left.eventId().toString());
                assertThat(cleanup.matchesDeleted()).isEqualTo(2);
                assertThat(cleanup.decisionsDeleted()).isEqualTo(2);
            });
            assertThat(after.messages().deadLettered()).isEmpty();
            assertThat(waiting.id())
                    .isNotIn(after.matches().stream().map(Match::id).toList());
            system.assertEveryInvariantHolds();
        }
    }

    private static long failedCleanups(FaultedStack system) {
        return system.hops("cleanup").stream()
                .filter(hop -> hop.outcome() == FlowOutcome.RETRIED)
                .map(FlowEvent::messageId)
                .count();
    }
}
