package dev.matchflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.events.EventCodec;
import dev.matchflow.events.PoolMemberRemoved;
import dev.matchflow.matches.Match;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import dev.matchflow.usermatch.LeaveOutcome;
import java.util.UUID;

/** Every delivery duplicated: the first run cleans up, the others delete nothing and answer its recorded outcome. */
class DuplicateDeliveryTest {

    private static final String FIRST_OUTCOME = "2 matches and 2 decisions deleted, 1 accepted kept";

    @DatabaseTest
    void laterDeliveriesOfAnEventDeleteNothingAndReportTheRecordedOutcome(TestDatabase database) throws Exception {
        try (FaultedStack system = FaultedStack.on(database)) {
            UUID leaver = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            UUID third = UUID.randomUUID();
            Pool pool = system.poolWith(leaver, other, third);
            system.client().createMatch(pool.id(), leaver, other);
            system.rejected(pool.id(), leaver, third);
            Match accepted = system.accepted(pool.id(), other, leaver);
            system.faults().on("pubsub duplicate 3");

            LeaveOutcome left = system.client().leave(leaver);
            system.awaitQuiescence();

            StackSnapshot state = system.snapshot();
            assertThat(state.cleanups()).singleElement().satisfies(cleanup -> {
                assertThat(cleanup.eventId()).isEqualTo(left.eventId().toString());
                assertThat(cleanup.matchesDeleted()).isEqualTo(2);
                assertThat(cleanup.decisionsDeleted()).isEqualTo(2);
                assertThat(cleanup.acceptedKept()).isEqualTo(1);
            });
            assertThat(state.matches()).extracting(Match::id).containsExactly(accepted.id());
            await().untilAsserted(() -> assertThat(system.hops("cleanup"))
                    .extracting(FlowEvent::detail)
                    .containsExactlyInAnyOrder(
                            "cleaned: " + FIRST_OUTCOME, "duplicate: " + FIRST_OUTCOME, "duplicate: " + FIRST_OUTCOME));
            assertThat(system.matchesMetric("matchflow_cleanup_duplicates_total"))
                    .isEqualTo(2);
            assertThat(system.matchesMetric("matchflow_cleanup_matches_deleted_total{scope=\"user\"}"))
                    .isEqualTo(2);
            system.assertEveryInvariantHolds();
        }
    }

    @DatabaseTest
    void anEventDeliveredAgainAfterARejoinLeavesTheNewMatchesAlone(TestDatabase database) throws Exception {
        try (FaultedStack system = FaultedStack.on(database)) {
            UUID leaver = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            Pool pool = system.poolWith(leaver, other);
            system.client().createMatch(pool.id(), leaver, other);
            LeaveOutcome left = system.client().leave(leaver);
            system.awaitQuiescence();
            system.client().join(leaver, pool.id());
            Match afterRejoin = system.client().createMatch(pool.id(), leaver, other);

            system.stack().publishByHand(sameEventAgain(left));
            system.awaitQuiescence();

            assertThat(system.snapshot().matches()).extracting(Match::id).containsExactly(afterRejoin.id());
            assertThat(system.snapshot().cleanups()).hasSize(1);
            system.assertEveryInvariantHolds();
        }
    }

    private static PubsubMessage sameEventAgain(LeaveOutcome left) {
        PoolMemberRemoved event = new PoolMemberRemoved(left.eventId(), left.poolId(), left.userId(), left.leftAt());
        return EventCodec.encode(event).toPubsubMessage();
    }
}
