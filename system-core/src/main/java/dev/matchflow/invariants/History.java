package dev.matchflow.invariants;

import dev.matchflow.matches.Match;
import dev.matchflow.matches.MatchStatus;
import dev.matchflow.pools.Membership;
import dev.matchflow.usermatch.LeaveOutcome;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the clients of a system saw happen, as they saw it: the answers of its public APIs. The invariants need it
 * because some of them are about what was there before: a match that was accepted, a leave that came after a
 * match was made. Safe to record from many threads at once.
 */
public final class History {

    private final Map<UUID, Match> created = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> acceptedAt = new ConcurrentHashMap<>();
    private final List<Membership> joins = new CopyOnWriteArrayList<>();
    private final List<LeaveOutcome> leaves = new CopyOnWriteArrayList<>();
    private final List<LeaveAttempt> leaveAttempts = new CopyOnWriteArrayList<>();
    private final Map<UUID, Instant> poolsDeleted = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> poolsCleanedUp = new ConcurrentHashMap<>();
    private volatile Optional<Instant> lastReconciliation = Optional.empty();

    /**
     * A leave that was asked for but whose answer was not a success, such as one that failed after Pools ended the
     * membership: it may have ended the membership at any moment from {@code requestedAt} on.
     */
    public record LeaveAttempt(UUID userId, Instant requestedAt) {}

    public void matchCreated(Match match) {
        created.putIfAbsent(match.id(), match);
    }

    /** Notes a match as a decision left it; an accepted one must survive every cleanup. */
    public void matchDecided(Match match, Instant at) {
        matchCreated(match);
        if (match.status() == MatchStatus.ACCEPTED) {
            acceptedAt.putIfAbsent(match.id(), at);
        }
    }

    public void joined(Membership membership) {
        joins.add(membership);
    }

    public void left(LeaveOutcome leave) {
        leaves.add(leave);
    }

    /** A leave whose answer was an error: it may or may not have ended the membership. */
    public void leaveFailed(UUID userId, Instant requestedAt) {
        leaveAttempts.add(new LeaveAttempt(userId, requestedAt));
    }

    public void poolDeleted(UUID poolId, Instant at) {
        poolsDeleted.put(poolId, at);
    }

    /** An operator removed every non-accepted match of the pool. */
    public void poolCleanedUp(UUID poolId, Instant at) {
        poolsCleanedUp.merge(poolId, at, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
    }

    /** A reconciliation sweep ran: it may remove non-accepted matches of users who are no longer members. */
    public void reconciled(Instant at) {
        lastReconciliation = Optional.of(at);
    }

    public Collection<Match> createdMatches() {
        return List.copyOf(created.values());
    }

    public Optional<Match> created(UUID matchId) {
        return Optional.ofNullable(created.get(matchId));
    }

    /** The matches that were accepted, with when a client first saw them accepted. */
    public Map<UUID, Instant> acceptedMatches() {
        return Map.copyOf(acceptedAt);
    }

    public List<Membership> joins() {
        return List.copyOf(joins);
    }

    public List<LeaveOutcome> leaves() {
        return List.copyOf(leaves);
    }

    public List<LeaveAttempt> failedLeaves() {
        return List.copyOf(leaveAttempts);
    }

    public boolean poolWasDeleted(UUID poolId) {
        return poolsDeleted.containsKey(poolId);
    }

    /** When an operator last cleaned up the pool, if ever. */
    public Optional<Instant> poolCleanedUpAt(UUID poolId) {
        return Optional.ofNullable(poolsCleanedUp.get(poolId));
    }

    public Optional<Instant> lastReconciliation() {
        return lastReconciliation;
    }

    /** The latest moment the user's membership of the pool is known or suspected to have ended, if ever. */
    public Optional<Instant> latestLeave(UUID userId, UUID poolId) {
        Optional<Instant> answered = leaves.stream()
                .filter(leave -> leave.userId().equals(userId) && leave.poolId().equals(poolId))
                .map(LeaveOutcome::leftAt)
                .max(Instant::compareTo);
        Optional<Instant> failed = leaveAttempts.stream()
                .filter(attempt -> attempt.userId().equals(userId))
                .map(LeaveAttempt::requestedAt)
                .max(Instant::compareTo);
        return later(answered, failed);
    }

    private static Optional<Instant> later(Optional<Instant> first, Optional<Instant> second) {
        if (first.isEmpty()) {
            return second;
        }
        if (second.isEmpty()) {
            return first;
        }
        return Optional.of(first.get().isAfter(second.get()) ? first.get() : second.get());
    }

    @Override
    public String toString() {
        return "History[" + created.size() + " matches created, " + acceptedAt.size() + " accepted, " + joins.size()
                + " joins, " + leaves.size() + " leaves, " + leaveAttempts.size() + " failed leaves, "
                + poolsDeleted.size() + " pools deleted]";
    }
}
