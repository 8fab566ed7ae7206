package dev.matchflow.http;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The error codes an API answers with, each with its HTTP status. */
public enum ErrorCode {
    INVALID_ID(400),
    INVALID_BODY(400),
    INVALID_PARAMETER(400),
    /** The request line, path or headers are malformed; the server refused it before any endpoint saw it. */
    INVALID_REQUEST(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    BODY_TOO_LARGE(413),
    INTERNAL(500),
    UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    /** The HTTP status this code is answered with. */
    public int status() {
        return status;
    }

    /** The code as it appears in the JSON body, for example {@code invalid_id}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The code with this wire name, if there is one. */
    public static Optional<ErrorCode> fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(code -> code.wireName().equals(wireName))
                .findFirst();
    }
}
