package dev.matchflow.events;

/** The data of a {@code messagePublished} CloudEvent is not a Pub/Sub message envelope; no retry can fix it. */
public final class InvalidEnvelopeException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidEnvelopeException(String message) {
        super(message);
    }

    public InvalidEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
