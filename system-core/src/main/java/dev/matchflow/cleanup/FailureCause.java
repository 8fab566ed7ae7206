package dev.matchflow.cleanup;

import java.util.Locale;

/** Why a call to Matches failed in a way a later delivery may not; the {@code cause} tag of the error metric. */
public enum FailureCause {
    /** No connection: Matches is down, or the URL points nowhere. */
    UNREACHABLE,
    /** Connected, but no answer within the request timeout. */
    TIMEOUT,
    /** Matches answered 5xx or 429. */
    UNAVAILABLE,
    /** The function got no token to present: in the cloud, the metadata server did not give an ID token. */
    NO_TOKEN,
    /** Matches refused the token (401 or 403): a configuration problem that must be fixed, then redriven. */
    UNAUTHORIZED,
    /** An answer the function does not understand: another status, or a 200 it cannot read. */
    UNEXPECTED_ANSWER;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
