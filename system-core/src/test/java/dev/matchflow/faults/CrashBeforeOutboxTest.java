package dev.matchflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.matchflow.http.ServiceCallException;
import dev.matchflow.invariants.Invariant;
import dev.matchflow.invariants.InvariantChecker;
import dev.matchflow.invariants.InvariantResult;
import dev.matchflow.matches.Match;
import dev.matchflow.matches.ReconcileOutcome;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import java.util.UUID;

/**
 * User-Match dies between the Pools commit and the outbox write: no event exists, and the reconciliation sweep
 * removes the orphaned non-accepted matches, never an accepted match or a member's match.
 */
class CrashBeforeOutboxTest {

    @DatabaseTest
    void theReconciliationSweepRemovesWhatTheLostEventWouldHaveRemoved(TestDatabase database) throws Exception {
        try (FaultedStack system = FaultedStack.on(database)) {
            UUID leaver = UUID.randomUUID();
            UUID member = UUID.randomUUID();
            UUID otherMember = UUID.randomUUID();
            Pool pool = system.poolWith(leaver, member, otherMember);
            Match waiting = system.client().createMatch(pool.id(), leaver, member);
            Match rejected = system.rejected(pool.id(), leaver, otherMember);
            Match accepted = system.accepted(pool.id(), member, leaver);
            Match membersOnly = system.client().createMatch(pool.id(), member, otherMember);
            system.faults().on("usermatch crash-before-outbox");

            assertThatThrownBy(() -> system.client().leave(leaver))
                    .isInstanceOfSatisfying(
                            ServiceCallException.class,
                            e -> assertThat(e.isUnavailable()).isTrue());
            system.faults().off("usermatch");
            system.awaitQuiescence();
            StackSnapshot orphaned = system.snapshot();
            ReconcileOutcome swept = system.client().reconcile();

            assertThat(orphaned.poolOf(leaver)).as("Pools committed the leave").isEmpty();
            assertThat(orphaned.outbox()).as("no event was stored").isEmpty();
            assertThat(InvariantChecker.check(orphaned, system.client().history()))
                    .filteredOn(result -> !result.holds())
                    .extracting(InvariantResult::invariant)
                    .containsExactly(Invariant.NO_ORPHANED_MATCHES);
            assertThat(swept).isEqualTo(new ReconcileOutcome(1, 2, 2, 1));
            assertThat(system.snapshot().matches())
                    .extracting(Match::id)
                    .doesNotContain(waiting.id(), rejected.id())
                    .contains(accepted.id(), membersOnly.id());
            assertThat(system.snapshot().decisionsOn(accepted.id())).hasSize(2);
            assertThat(system.matchesMetric("matchflow_cleanup_matches_deleted_total{scope=\"reconcile\"}"))
                    .isEqualTo(2);
            system.assertEveryInvariantHolds();
        }
    }

    @DatabaseTest
    void aSweepWithNothingOrphanedRemovesNothing(TestDatabase database) throws Exception {
        try (FaultedStack system = FaultedStack.on(database)) {
            UUID userA = UUID.randomUUID();
            UUID userB = UUID.randomUUID();
            Pool pool = system.poolWith(userA, userB);
            Match waiting = system.client().createMatch(pool.id(), userA, userB);

            ReconcileOutcome swept = system.client().reconcile();

            assertThat(swept).isEqualTo(new ReconcileOutcome(1, 0, 0, 0));
            assertThat(system.snapshot().matches()).extracting(Match::id).containsExactly(waiting.id());
            system.assertEveryInvariantHolds();
        }
    }
}
