package dev.matchflow.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.matches.Match;
import dev.matchflow.matches.MatchStatus;
import dev.matchflow.pools.Membership;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.stack.StackSnapshot.CleanupRecord;
import dev.matchflow.stack.StackSnapshot.MatchDecision;
import dev.matchflow.stack.StackSnapshot.MessageEndings;
import dev.matchflow.stack.StackSnapshot.OutboxEntry;
import dev.matchflow.stack.StackSnapshot.Rejection;
import dev.matchflow.usermatch.EventDelivery;
import dev.matchflow.usermatch.LeaveOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each invariant on states built by hand: one that keeps it and one that breaks it. */
class InvariantCheckerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final UUID poolId = UUID.randomUUID();
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final History history = new History();
    private final State state = new State();

    @Test
    void aCleanRunKeepsEveryInvariant() {
        state.pool(poolId, 2).member(poolId, alice).member(poolId, bob);
        Match match = state.match(poolId, alice, bob, MatchStatus.WAITING, T0);
        history.matchCreated(match);

        assertThat(InvariantChecker.check(state.snapshot(), history)).allMatch(InvariantResult::holds);
    }

    @Test
    void anAcceptedMatchThatIsGoneWhileItsPoolStandsBreaksTheFirst() {
        state.pool(poolId, 0);
        Match accepted = match(MatchStatus.ACCEPTED, T0);
        history.matchDecided(accepted, T0);

        InvariantResult result = result(Invariant.ACCEPTED_MATCHES_SURVIVE_CLEANUP);

        assertThat(result.violations())
                .singleElement()
                .asString()
                .contains(accepted.id().toString());
    }

    @Test
    void anAcceptedMatchGoneWithItsPoolKeepsTheFirst() {
        Match accepted = match(MatchStatus.ACCEPTED, T0);
        history.matchDecided(accepted, T0);
        history.poolDeleted(poolId, T0.plusSeconds(1));

        assertThat(result(Invariant.ACCEPTED_MATCHES_SURVIVE_CLEANUP).holds()).isTrue();
    }

    @Test
    void aWaitingMatchOfAUserWhoLeftBreaksTheSecond() {
        state.pool(poolId, 1).member(poolId, bob);
        Match waiting = state.match(poolId, alice, bob, MatchStatus.WAITING, T0);
        history.left(leave(alice, T0.plusSeconds(1)));

        InvariantResult result = result(Invariant.NO_ORPHANED_MATCHES);

        assertThat(result.violations())
                .singleElement()
                .asString()
                .contains(waiting.id().toString(), alice.toString(), "left at");
    }

    @Test
    void aMatchCreatedAfterTheLeaveKeepsTheSecond() {
        state.pool(poolId, 1).member(poolId, bob);
        state.match(poolId, alice, bob, MatchStatus.REJECTED, T0.plusSeconds(5));
        history.left(leave(alice, T0));

        assertThat(result(Invariant.NO_ORPHANED_MATCHES).holds()).isTrue();
    }

    @Test
    void aMatchRemovedWithoutALaterLeaveBreaksTheThird() {
        state.pool(poolId, 2).member(poolId, alice).member(poolId, bob);
        history.left(leave(alice, T0));
        Match afterRejoin = match(MatchStatus.WAITING, T0.plusSeconds(10));
        history.matchCreated(afterRejoin);

        InvariantResult result = result(Invariant.NEW_MATCHES_SURVIVE_EARLIER_LEAVES);

        assertThat(result.violations())
                .singleElement()
                .asString()
                .contains(afterRejoin.id().toString());
    }

    @Test
    void aMatchRemovedByALaterLeaveKeepsTheThird() {
        state.pool(poolId, 1).member(poolId, bob);
        Match match = match(MatchStatus.WAITING, T0);
        history.matchCreated(match);
        history.left(leave(alice, T0.plusSeconds(10)));

        assertThat(result(Invariant.NEW_MATCHES_SURVIVE_EARLIER_LEAVES).holds()).isTrue();
    }

    @Test
    void aDecisionWithoutItsMatchBreaksTheFourth() {
        state.pool(poolId, 0);
        UUID missingMatch = UUID.randomUUID();
        state.decisions.add(new MatchDecision(missingMatch, alice, "accept", T0));

        assertThat(result(Invariant.NO_DANGLING_ROWS).violations())
                .singleElement()
                .asString()
                .contains(missingMatch.toString());
    }

    @Test
    void aMemberCountThatDisagreesWithTheRowsBreaksTheFifth() {
        state.pool(poolId, 3).member(poolId, alice);

        assertThat(result(Invariant.MEMBER_COUNTS_MATCH_MEMBERS).violations())
                .singleElement()
                .asString()
                .contains("member_count 3 but 1 membership rows");
    }

    @Test
    void aLeaveWhoseEventWasNeitherCleanedNorRejectedBreaksTheSixth() {
        LeaveOutcome left = leave(alice, T0);
        history.left(left);
        state.published(left, "m-1");
        state.acked.add("m-1");

        assertThat(result(Invariant.EVERY_EVENT_SETTLES).violations())
                .singleElement()
                .asString()
                .contains("neither cleaned up nor rejected");
    }

    @Test
    void eventsThatWereCleanedRejectedOrDeadLetteredKeepTheSixth() {
        LeaveOutcome cleaned = leave(alice, T0);
        LeaveOutcome rejected = leave(bob, T0);
        LeaveOutcome deadLettered = leave(UUID.randomUUID(), T0);
        List.of(cleaned, rejected, deadLettered).forEach(history::left);
        state.published(cleaned, "m-1").published(rejected, "m-2").published(deadLettered, "m-3");
        state.acked.addAll(List.of("m-1", "m-2"));
        state.deadLettered.add("m-3");
        state.cleanups.add(new CleanupRecord(
                cleaned.eventId().toString(), alice, poolId, Optional.of(T0), 1, 0, 0, T0.plusSeconds(1)));
        state.rejections.add(new Rejection("m-2", Optional.empty(), "invalid_id", T0.plusSeconds(1)));

        assertThat(result(Invariant.EVERY_EVENT_SETTLES).holds()).isTrue();
    }

    @Test
    void aPendingEventOrAMessageInFlightBreaksTheSixth() {
        LeaveOutcome left = leave(alice, T0);
        history.left(left);
        state.outbox.add(new OutboxEntry(
                left.eventId(),
                alice,
                poolId,
                T0,
                T0,
                3,
                Optional.empty(),
                Optional.empty(),
                Optional.of("UNAVAILABLE")));
        state.unsettled.add("m-9");

        assertThat(result(Invariant.EVERY_EVENT_SETTLES).violations())
                .hasSize(2)
                .anySatisfy(violation -> assertThat(violation).contains("pending", "UNAVAILABLE"))
                .anySatisfy(violation -> assertThat(violation).contains("m-9", "in flight"));
    }

    private InvariantResult result(Invariant invariant) {
        return InvariantChecker.check(state.snapshot(), history).stream()
                .filter(result -> result.invariant() == invariant)
                .findFirst()
                .orElseThrow();
    }

    private Match match(MatchStatus status, Instant createdAt) {
        return new Match(UUID.randomUUID(), poolId, alice, bob, status, createdAt, createdAt);
    }

    private LeaveOutcome leave(UUID user, Instant leftAt) {
        return new LeaveOutcome(poolId, user, leftAt, UUID.randomUUID(), EventDelivery.PUBLISHED);
    }

    /** A system state put together row by row. */
    private static final class State {

        final List<Pool> pools = new ArrayList<>();
        final List<Membership> members = new ArrayList<>();
        final List<Match> matches = new ArrayList<>();
        final List<MatchDecision> decisions = new ArrayList<>();
        final List<CleanupRecord> cleanups = new ArrayList<>();
        final List<OutboxEntry> outbox = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();
        final Set<String> acked = new HashSet<>();
        final Set<String> deadLettered = new HashSet<>();
        final Set<String> unsettled = new HashSet<>();

        State pool(UUID id, int memberCount) {
            pools.add(new Pool(id, "pool", null, memberCount, T0));
            return this;
        }

        State member(UUID pool, UUID user) {
            members.add(new Membership(pool, user, T0));
            return this;
        }

        Match match(UUID pool, UUID userA, UUID userB, MatchStatus status, Instant createdAt) {
            Match match = new Match(UUID.randomUUID(), pool, userA, userB, status, createdAt, createdAt);
            matches.add(match);
            return match;
        }

        State published(LeaveOutcome leave, String messageId) {
            outbox.add(new OutboxEntry(
                    leave.eventId(),
                    leave.userId(),
                    leave.poolId(),
                    leave.leftAt(),
                    leave.leftAt(),
                    1,
                    Optional.of(leave.leftAt()),
                    Optional.of(messageId),
                    Optional.empty()));
            return this;
        }

        StackSnapshot snapshot() {
            return new StackSnapshot(
                    T0.plusSeconds(60),
                    pools,
                    members,
                    matches,
                    decisions,
                    cleanups,
                    outbox,
                    new MessageEndings(acked, deadLettered, unsettled),
                    rejections,
                    Optional.empty(),
                    List.of());
        }
    }
}
