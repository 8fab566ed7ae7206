package dev.matchflow.cleanup;

/** An HTTP request that does not carry a CloudEvent the host can read; answered with 400. */
final class NotACloudEventException extends Exception {

    private static final long serialVersionUID = 1L;

    NotACloudEventException(String message) {
        super(message);
    }

    NotACloudEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
