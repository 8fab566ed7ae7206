package dev.matchflow.cleanup;

/**
 * Thrown by the cleanup function when the cleanup did not happen but may on a later delivery; the Functions
 * Framework answers 500 and Pub/Sub redelivers, and dead-letters after the subscription's maximum attempts.
 */
public final class CleanupFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    CleanupFailedException(String message, MatchesUnavailableException cause) {
        super(message, cause);
    }

    /** Why the call to Matches failed. */
    public FailureCause failureCause() {
        return ((MatchesUnavailableException) getCause()).failureCause();
    }
}
