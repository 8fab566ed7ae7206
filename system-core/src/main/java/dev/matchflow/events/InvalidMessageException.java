package dev.matchflow.events;

/** Raised while decoding when a message breaks the contract; the codec turns it into a rejection. */
final class InvalidMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    InvalidMessageException(RejectionReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    RejectionReason reason() {
        return reason;
    }
}
