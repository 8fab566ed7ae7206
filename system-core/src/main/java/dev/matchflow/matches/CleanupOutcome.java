package dev.matchflow.matches;

/**
 * What a cleanup did.
 *
 * @param matchesDeleted non-accepted matches deleted
 * @param decisionsDeleted decisions deleted with them
 * @param acceptedKept accepted matches of the same scope, kept
 * @param duplicate true when the event had been processed before: nothing was deleted now, and the counts
 *     are those recorded then
 */
public record CleanupOutcome(int matchesDeleted, int decisionsDeleted, int acceptedKept, boolean duplicate) {

    CleanupOutcome asDuplicate() {
        return new CleanupOutcome(matchesDeleted, decisionsDeleted, acceptedKept, true);
    }
}
