package dev.matchflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.matchflow.matches.Match;
import dev.matchflow.pools.Pool;
import dev.matchflow.pubsub.DeadLetterRedrive;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.usermatch.LeaveOutcome;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Matches (or the function) down, failing or slow: every delivery is retried with the subscription's backoff, the
 * message goes to the dead-letter topic after the fifth attempt, and a redrive once the fault is gone cleans up.
 */
class DeadLetterRedriveTest {

    private static final Duration MATCHES_TIMEOUT = Duration.ofMillis(300);

    @ParameterizedTest
    @ValueSource(
            strings = {"matches down", "matches failing 1", "matches failing 1 reset", "function down", "function crash"
            })
    void aCleanupThatCannotReachMatchesIsDeadLetteredAndRedrivenOnceTheFaultIsGone(String fault) throws Exception {
        try (FaultedStack system = FaultedStack.inMemory(settings -> settings.withMatchesTimeout(MATCHES_TIMEOUT))) {
            UUID leaver = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            Pool pool = system.poolWith(leaver, other);
            Match waiting = system.client().createMatch(pool.id(), leaver, other);
            system.faults().on(fault);

            LeaveOutcome left = system.client().leave(leaver);
            system.awaitQuiescence();
            StackSnapshot deadLettered = system.snapshot();
            String messageId = messageOf(deadLettered, left);
            system.faults().off(fault);
            List<DeadLetterRedrive.Redriven> redriven = system.stack().redriveDeadLetters();
            system.awaitQuiescence();

            assertThat(deadLettered.messages().deadLettered()).containsExactly(messageId);
            assertThat(deadLettered.pubsub().orElseThrow().deadLetters().backlog())
                    .isEqualTo(1);
            assertThat(deadLettered.matches()).extracting(Match::id).contains(waiting.id());
            await().untilAsserted(() -> assertThat(attemptsOf(system, messageId))
                    .as("each attempt after the subscription's backoff, the fifth the last")
                    .containsExactly("attempt 1", "attempt 2", "attempt 3", "attempt 4", "attempt 5"));
            assertThat(redriven)
                    .singleElement()
                    .satisfies(copy -> assertThat(copy.deadLetterId()).isNotBlank());
            StackSnapshot redrivenState = system.snapshot();
            assertThat(redrivenState.matches()).extracting(Match::id).doesNotContain(waiting.id());
            assertThat(redrivenState.cleanups())
                    .singleElement()
                    .satisfies(cleanup -> assertThat(cleanup.eventId())
                            .isEqualTo(left.eventId().toString()));
            assertThat(redrivenState.pubsub().orElseThrow().deadLetters().backlog())
                    .isZero();
            assertThat(redrivenState.messages().acked())
                    .contains(redriven.get(0).messageId());
            system.assertEveryInvariantHolds();
        }
    }

    @Test
    void aSlowMatchesTimesEveryAttemptOutYetTheCleanupDoneLateIsNotDoneTwice() throws Exception {
        try (FaultedStack system = FaultedStack.inMemory(settings -> settings.withMatchesTimeout(MATCHES_TIMEOUT))) {
            UUID leaver = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            Pool pool = system.poolWith(leaver, other);
            Match waiting = system.client().createMatch(pool.id(), leaver, other);
            system.faults().on("matches slow 600ms");

            LeaveOutcome left = system.client().leave(leaver);
            system.awaitQuiescence();
            StackSnapshot deadLettered = system.snapshot();
            system.faults().off("matches slow");
            system.stack().redriveDeadLetters();
            system.awaitQuiescence();

            assertThat(deadLettered.messages().deadLettered()).containsExactly(messageOf(deadLettered, left));
            assertThat(deadLettered.matches())
                    .as("Matches did the cleanup of the first attempt after the function had given up on it")
                    .extracting(Match::id)
                    .doesNotContain(waiting.id());
            assertThat(system.snapshot().cleanups()).hasSize(1);
            await().untilAsserted(() -> assertThat(system.hops("cleanup"))
                    .extracting(FlowEvent::detail)
                    .last()
                    .asString()
                    .startsWith("duplicate: 1 matches"));
            system.assertEveryInvariantHolds();
        }
    }

    private static String messageOf(StackSnapshot state, LeaveOutcome left) {
        return state.outbox().stream()
                .filter(entry -> entry.eventId().equals(left.eventId()))
                .findFirst()
                .flatMap(StackSnapshot.OutboxEntry::messageId)
                .orElseThrow();
    }

    private static List<String> attemptsOf(FaultedStack system, String messageId) {
        return system.hops("deliver").stream()
                .filter(hop -> messageId.equals(hop.messageId()))
                .map(hop -> hop.detail().substring(0, hop.detail().indexOf(',')))
                .toList();
    }
}
