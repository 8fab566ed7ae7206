package dev.matchflow.matches;

/**
 * What a reconciliation sweep did.
 *
 * @param poolsChecked pools whose members were asked of Pools because they hold non-accepted matches
 * @param matchesDeleted non-accepted matches of users who are no longer members of the match's pool, deleted
 * @param decisionsDeleted decisions deleted with them
 * @param acceptedKept accepted matches of users who are no longer members, kept
 */
public record ReconcileOutcome(int poolsChecked, int matchesDeleted, int decisionsDeleted, int acceptedKept) {

    ReconcileOutcome plus(ReconcileOutcome other) {
        return new ReconcileOutcome(
                poolsChecked + other.poolsChecked,
                matchesDeleted + other.matchesDeleted,
                decisionsDeleted + other.decisionsDeleted,
                acceptedKept + other.acceptedKept);
    }
}
