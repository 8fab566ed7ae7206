package dev.matchflow.cleanup;

/**
 * What Matches did for one cleanup event.
 *
 * @param matchesDeleted non-accepted matches of the user in the pool that were deleted
 * @param decisionsDeleted decisions of those matches that were deleted with them
 * @param acceptedKept accepted matches of the user in the pool that stay
 * @param duplicate true when Matches had already processed this event id and answered with its recorded counts
 */
public record CleanupCounts(int matchesDeleted, int decisionsDeleted, int acceptedKept, boolean duplicate) {}
