package dev.matchflow.cleanup;

/** The cleanup call to Matches did not succeed, for a reason that may pass; the delivery should be retried. */
public final class MatchesUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final FailureCause failureCause;

    MatchesUnavailableException(FailureCause failureCause, String message, Throwable cause) {
        super(message, cause);
        this.failureCause = failureCause;
    }

    public FailureCause failureCause() {
        return failureCause;
    }
}
