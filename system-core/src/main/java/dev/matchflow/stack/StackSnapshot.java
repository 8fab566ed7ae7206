package dev.matchflow.stack;

import dev.matchflow.faults.ActiveFault;
import dev.matchflow.matches.Match;
import dev.matchflow.matches.MatchStatus;
import dev.matchflow.pools.Membership;
import dev.matchflow.pools.Pool;
import dev.matchflow.pubsub.embedded.SubscriptionStats;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The whole state of a stack at one moment: every row of the services' tables, and what Pub/Sub holds. The rows
 * are read in one transaction, so they agree with each other.
 *
 * @param takenAt when it was read
 * @param pools every pool, with its member count
 * @param members every membership
 * @param matches every match
 * @param decisions every decision on a match
 * @param cleanups every processed cleanup event, as Matches recorded it
 * @param outbox every event User-Match stored, published or pending
 * @param messages what became of the published messages
 * @param rejections the messages the function acknowledged without cleanup, with the reason, oldest first
 * @param pubsub what the Pub/Sub server holds, where it can be looked into
 * @param faults the faults that were on
 */
public record StackSnapshot(
        Instant takenAt,
        List<Pool> pools,
        List<Membership> members,
        List<Match> matches,
        List<MatchDecision> decisions,
        List<CleanupRecord> cleanups,
        List<OutboxEntry> outbox,
        MessageEndings messages,
        List<Rejection> rejections,
        Optional<PubSubState> pubsub,
        List<ActiveFault> faults) {

    public StackSnapshot {
        Objects.requireNonNull(takenAt, "takenAt");
        pools = List.copyOf(pools);
        members = List.copyOf(members);
        matches = List.copyOf(matches);
        decisions = List.copyOf(decisions);
        cleanups = List.copyOf(cleanups);
        outbox = List.copyOf(outbox);
        Objects.requireNonNull(messages, "messages");
        rejections = List.copyOf(rejections);
        Objects.requireNonNull(pubsub, "pubsub");
        faults = List.copyOf(faults);
    }

    /** The pool with this id, if it exists. */
    public Optional<Pool> pool(UUID poolId) {
        return pools.stream().filter(pool -> pool.id().equals(poolId)).findFirst();
    }

    /** The members of a pool. */
    public List<Membership> membersOf(UUID poolId) {
        return members.stream().filter(member -> member.poolId().equals(poolId)).toList();
    }

    /** The pool a user is in, if any. */
    public Optional<UUID> poolOf(UUID userId) {
        return members.stream()
                .filter(member -> member.userId().equals(userId))
                .map(Membership::poolId)
                .findFirst();
    }

    /** The matches one user is in, in every pool. */
    public List<Match> matchesOf(UUID userId) {
        return matches.stream().filter(match -> match.involves(userId)).toList();
    }

    /** The matches one user is in that have this status. */
    public List<Match> matchesOf(UUID userId, MatchStatus status) {
        return matchesOf(userId).stream()
                .filter(match -> match.status() == status)
                .toList();
    }

    /** The decisions on one match. */
    public List<MatchDecision> decisionsOn(UUID matchId) {
        return decisions.stream()
                .filter(decision -> decision.matchId().equals(matchId))
                .toList();
    }

    /** The events User-Match stored that are not published yet. */
    public List<OutboxEntry> pendingEvents() {
        return outbox.stream().filter(OutboxEntry::isPending).toList();
    }

    /**
     * A user's decision on a match.
     *
     * @param decision {@code accept} or {@code reject}
     */
    public record MatchDecision(UUID matchId, UUID userId, String decision, Instant decidedAt) {}

    /**
     * The outcome of one processed cleanup event.
     *
     * @param eventId the event's id, or the message id of an event that had none
     * @param leftAt the leave the event reported; empty for events of older producers
     */
    public record CleanupRecord(
            String eventId,
            UUID userId,
            UUID poolId,
            Optional<Instant> leftAt,
            int matchesDeleted,
            int decisionsDeleted,
            int acceptedKept,
            Instant processedAt) {}

    /**
     * One event in User-Match's outbox.
     *
     * @param attempts how many times the relay tried to publish it
     * @param publishedAt when Pub/Sub took it; empty while it is pending
     * @param messageId the id Pub/Sub gave it; empty while it is pending
     * @param lastError why the last publish attempt failed, if it did
     */
    public record OutboxEntry(
            UUID eventId,
            UUID userId,
            UUID poolId,
            Instant leftAt,
            Instant createdAt,
            int attempts,
            Optional<Instant> publishedAt,
            Optional<String> messageId,
            Optional<String> lastError) {

        public boolean isPending() {
            return publishedAt.isEmpty();
        }
    }

    /**
     * What became of the messages the stack knows were published (through the outbox, or by hand), by message id.
     *
     * @param acked those the trigger acknowledged: the function cleaned up or rejected them
     * @param deadLettered those that failed their last delivery attempt and went to the dead-letter topic
     * @param unsettled those that have not ended yet
     */
    public record MessageEndings(Set<String> acked, Set<String> deadLettered, Set<String> unsettled) {

        public MessageEndings {
            acked = Set.copyOf(acked);
            deadLettered = Set.copyOf(deadLettered);
            unsettled = Set.copyOf(unsettled);
        }

        /** How many messages the stack knows were published. */
        public int published() {
            return acked.size() + deadLettered.size() + unsettled.size();
        }
    }

    /**
     * A message the function acknowledged without cleanup, because no retry could make it succeed.
     *
     * @param messageId the Pub/Sub message id
     * @param eventId the event id, when the message had a readable one
     * @param reason the reason code, for example {@code not_json} or {@code invalid_id}
     * @param at when the function rejected it
     */
    public record Rejection(String messageId, Optional<String> eventId, String reason, Instant at) {}

    /**
     * What the embedded Pub/Sub server holds for the stack's two subscriptions.
     *
     * @param trigger the trigger's subscription: backlog, messages in flight, counters
     * @param deadLetters the subscription on the dead-letter topic: its backlog is the dead letters not redriven
     */
    public record PubSubState(SubscriptionStats trigger, SubscriptionStats deadLetters) {}
}
