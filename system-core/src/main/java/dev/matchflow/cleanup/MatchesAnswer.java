package dev.matchflow.cleanup;

/** What Matches answered to a cleanup call that reached it and was understood. */
sealed interface MatchesAnswer permits MatchesAnswer.Cleaned, MatchesAnswer.Refused {

    /** 200: the cleanup is done, now or by an earlier delivery of the same event. */
    record Cleaned(CleanupCounts counts) implements MatchesAnswer {}

    /**
     * 400 or 404: Matches will never accept these ids (malformed, or a pool that no longer exists), so retrying
     * cannot help.
     *
     * @param code the error code from Matches' body, or {@code http_<status>} when the body had none
     */
    record Refused(int status, String code, String message) implements MatchesAnswer {

        /** The {@code reason} tag of the rejected-events metric. */
        String reason() {
            return status == 404 ? "matches_not_found" : "matches_bad_request";
        }
    }
}
