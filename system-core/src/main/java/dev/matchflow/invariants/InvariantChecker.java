package dev.matchflow.invariants;

import dev.matchflow.matches.Match;
import dev.matchflow.matches.MatchStatus;
import dev.matchflow.pools.Membership;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.stack.StackSnapshot.OutboxEntry;
import dev.matchflow.usermatch.EventDelivery;
import dev.matchflow.usermatch.LeaveOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks every {@link Invariant} on the state of a system at quiescence, against the {@link History} its clients
 * recorded. It reads state only; take the snapshot once nothing moves, or invariants about the end of the run
 * report what is merely still on its way.
 *
 * <pre>{@code
 * stack.awaitQuiescence(Duration.ofSeconds(30));
 * List<InvariantResult> results = InvariantChecker.check(stack.snapshot(), history);
 * }</pre>
 */
public final class InvariantChecker {

    private final StackSnapshot state;
    private final History history;
    private final Map<UUID, Match> matches;
    private final Map<UUID, Pool> pools;
    private final Map<UUID, UUID> poolOfUser;

    private InvariantChecker(StackSnapshot state, History history) {
        this.state = state;
        this.history = history;
        this.matches = state.matches().stream().collect(Collectors.toMap(Match::id, Function.identity()));
        this.pools = state.pools().stream().collect(Collectors.toMap(Pool::id, Function.identity()));
        this.poolOfUser = state.members().stream().collect(Collectors.toMap(Membership::userId, Membership::poolId));
    }

    /** The result of every invariant, in the design's order. */
    public static List<InvariantResult> check(StackSnapshot state, History history) {
        InvariantChecker checker = new InvariantChecker(state, history);
        return List.of(
                checker.acceptedMatchesSurvive(),
                checker.noOrphanedMatches(),
                checker.newMatchesSurviveEarlierLeaves(),
                checker.noDanglingRows(),
                checker.memberCountsMatchMembers(),
                checker.everyEventSettles());
    }

    private InvariantResult acceptedMatchesSurvive() {
        List<String> violations = new ArrayList<>();
        history.acceptedMatches().forEach((matchId, acceptedAt) -> {
            Optional<UUID> poolId = history.created(matchId).map(Match::poolId);
            boolean poolGone = poolId.map(pool -> !pools.containsKey(pool)).orElse(false);
            if (!matches.containsKey(matchId) && !poolGone) {
                violations.add("accepted match " + matchId + " (accepted at " + acceptedAt + ") is gone, but its pool "
                        + poolId.map(UUID::toString).orElse("?") + " still exists");
            }
        });
        return new InvariantResult(
                Invariant.ACCEPTED_MATCHES_SURVIVE_CLEANUP,
                history.acceptedMatches().size(),
                violations);
    }

    private InvariantResult noOrphanedMatches() {
        List<Match> notAccepted = state.matches().stream()
                .filter(match -> match.status() != MatchStatus.ACCEPTED)
                .toList();
        List<String> violations = new ArrayList<>();
        for (Match match : notAccepted) {
            for (UUID user : List.of(match.userAId(), match.userBId())) {
                orphanedBy(match, user).ifPresent(violations::add);
            }
        }
        return new InvariantResult(Invariant.NO_ORPHANED_MATCHES, notAccepted.size(), violations);
    }

    private Optional<String> orphanedBy(Match match, UUID user) {
        if (match.poolId().equals(poolOfUser.get(user))) {
            return Optional.empty();
        }
        Optional<Instant> latestLeave = history.latestLeave(user, match.poolId());
        if (latestLeave.isPresent() && match.createdAt().isAfter(latestLeave.get())) {
            return Optional.empty();
        }
        return Optional.of(match.status().wireName() + " match " + match.id() + " in pool " + match.poolId()
                + " involves user " + user + ", who is not a member of it"
                + latestLeave.map(at -> " (left at " + at + ")").orElse(" (no leave of theirs was seen)"));
    }

    private InvariantResult newMatchesSurviveEarlierLeaves() {
        List<String> violations = new ArrayList<>();
        for (Match created : history.createdMatches()) {
            boolean removed = !matches.containsKey(created.id());
            boolean poolStands = pools.containsKey(created.poolId()) && !history.poolWasDeleted(created.poolId());
            boolean accepted = history.acceptedMatches().containsKey(created.id());
            if (removed && poolStands && !accepted && !removalExplained(created)) {
                violations.add("match " + created.id() + " created at " + created.createdAt() + " in pool "
                        + created.poolId() + " was removed, though no leave of its users came after it");
            }
        }
        return new InvariantResult(
                Invariant.NEW_MATCHES_SURVIVE_EARLIER_LEAVES,
                history.createdMatches().size(),
                violations);
    }

    /** A non-accepted match may go when one of its users left later, or an operator cleaned up afterwards. */
    private boolean removalExplained(Match match) {
        Instant created = match.createdAt();
        boolean laterLeave = List.of(match.userAId(), match.userBId()).stream()
                .map(user -> history.latestLeave(user, match.poolId()))
                .flatMap(Optional::stream)
                .anyMatch(leftAt -> !leftAt.isBefore(created));
        boolean laterPoolCleanup = history.poolCleanedUpAt(match.poolId())
                .filter(at -> !at.isBefore(created))
                .isPresent();
        boolean laterReconciliation =
                history.lastReconciliation().filter(at -> at.isAfter(created)).isPresent();
        return laterLeave || laterPoolCleanup || laterReconciliation;
    }

    private InvariantResult noDanglingRows() {
        List<String> violations = new ArrayList<>();
        state.decisions().stream()
                .filter(decision -> !matches.containsKey(decision.matchId()))
                .forEach(decision -> violations.add(
                        "decision of user " + decision.userId() + " on missing match " + decision.matchId()));
        state.matches().stream()
                .filter(match -> !pools.containsKey(match.poolId()))
                .forEach(match -> violations.add("match " + match.id() + " of missing pool " + match.poolId()));
        int checked = state.decisions().size() + state.matches().size();
        return new InvariantResult(Invariant.NO_DANGLING_ROWS, checked, violations);
    }

    private InvariantResult memberCountsMatchMembers() {
        Map<UUID, Long> rows =
                state.members().stream().collect(Collectors.groupingBy(Membership::poolId, Collectors.counting()));
        List<String> violations = state.pools().stream()
                .filter(pool -> pool.memberCount() != rows.getOrDefault(pool.id(), 0L))
                .map(pool -> "pool " + pool.id() + " has member_count " + pool.memberCount() + " but "
                        + rows.getOrDefault(pool.id(), 0L) + " membership rows")
                .toList();
        return new InvariantResult(
                Invariant.MEMBER_COUNTS_MATCH_MEMBERS, state.pools().size(), violations);
    }

    private InvariantResult everyEventSettles() {
        List<String> violations = new ArrayList<>();
        state.pendingEvents()
                .forEach(pending -> violations.add("event " + pending.eventId() + " is still pending in the outbox"
                        + pending.lastError().map(error -> " (" + error + ")").orElse("")));
        state.messages().unsettled().forEach(messageId -> violations.add("message " + messageId + " is in flight"));
        List<LeaveOutcome> published = history.leaves().stream()
                .filter(leave -> leave.event() != EventDelivery.DISABLED)
                .toList();
        published.forEach(leave -> endOf(leave).ifPresent(violations::add));
        int checked = published.size() + state.messages().published();
        return new InvariantResult(Invariant.EVERY_EVENT_SETTLES, checked, violations);
    }

    /** Why the leave's event did not end as it must, if it did not. */
    private Optional<String> endOf(LeaveOutcome leave) {
        Optional<OutboxEntry> stored = state.outbox().stream()
                .filter(entry -> entry.eventId().equals(leave.eventId()))
                .findFirst();
        if (stored.isEmpty()) {
            return Optional.of("event " + leave.eventId() + " of user " + leave.userId() + "'s leave is lost: it is"
                    + " not in the outbox");
        }
        Optional<String> messageId = stored.get().messageId();
        if (messageId.isEmpty()) {
            return Optional.empty();
        }
        Set<String> endedWithoutCleanup = state.messages().deadLettered();
        boolean cleaned = state.cleanups().stream()
                .anyMatch(cleanup -> cleanup.eventId().equals(leave.eventId().toString()));
        boolean rejected = state.rejections().stream()
                .anyMatch(rejection -> rejection.messageId().equals(messageId.get()));
        boolean deadLettered = endedWithoutCleanup.contains(messageId.get());
        if (cleaned || rejected || deadLettered || state.messages().unsettled().contains(messageId.get())) {
            return Optional.empty();
        }
        return Optional.of("event " + leave.eventId() + " (message " + messageId.get() + ") was acknowledged but"
                + " neither cleaned up nor rejected with a reason");
    }
}
