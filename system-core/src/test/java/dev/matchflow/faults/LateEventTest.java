package dev.matchflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.matches.Match;
import dev.matchflow.pools.Pool;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import java.util.UUID;

/**
 * A user leaves, rejoins and is matched again before the event of the leave arrives, late or redelivered: the
 * cleanup removes the matches of the old membership only, and the new ones survive.
 */
class LateEventTest {

    @DatabaseTest
    void matchesMadeAfterARejoinSurviveTheDelayedEventOfTheEarlierLeave(TestDatabase database) throws Exception {
        try (FaultedStack system = FaultedStack.on(database)) {
            UUID leaver = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            Pool pool = system.poolWith(leaver, other);
            Match before = system.client().createMatch(pool.id(), leaver, other);
            system.faults().on("pubsub delay 3s");

            system.client().leave(leaver);
            system.client().join(leaver, pool.id());
            Match afterRejoin = system.client().createMatch(pool.id(), leaver, other);
            boolean cleanedBeforeTheRejoinWasDone =
                    !system.snapshot().cleanups().isEmpty();
            system.faults().off("pubsub delay");
            system.awaitQuiescence();

            assertThat(cleanedBeforeTheRejoinWasDone)
                    .as("the event was still held back")
                    .isFalse();
            assertThat(system.snapshot().matches())
                    .extracting(Match::id)
                    .doesNotContain(before.id())
                    .contains(afterRejoin.id());
            system.assertEveryInvariantHolds();
        }
    }

    @DatabaseTest
    void matchesMadeAfterARejoinSurviveTheEventOfTheEarlierLeaveRedrivenLater(TestDatabase database) throws Exception {
        try (FaultedStack system = FaultedStack.on(database)) {
            UUID leaver = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            Pool pool = system.poolWith(leaver, other);
            Match before = system.client().createMatch(pool.id(), leaver, other);
            Match acceptedBefore = system.accepted(pool.id(), other, leaver);
            system.faults().on("function crash");
            system.client().leave(leaver);
            system.awaitQuiescence();
            system.client().join(leaver, pool.id());
            Match afterRejoin = system.client().createMatch(pool.id(), leaver, other);
            system.faults().off("function crash");

            system.stack().redriveDeadLetters();
            system.awaitQuiescence();

            assertThat(system.snapshot().matches())
                    .extracting(Match::id)
                    .doesNotContain(before.id())
                    .contains(acceptedBefore.id(), afterRejoin.id());
            system.assertEveryInvariantHolds();
        }
    }
}
