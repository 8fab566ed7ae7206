package dev.matchflow.cleanup;

/** The function could not get a token for its call to Matches; a later attempt may succeed. */
public final class TokenUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public TokenUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
