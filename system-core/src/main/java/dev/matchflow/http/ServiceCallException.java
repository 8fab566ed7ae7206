package dev.matchflow.http;

import java.net.URI;
import java.util.Optional;

/**
 * A call to another service did not give the answer hoped for: it could not be reached, timed out, or
 * answered with an error status. The message names the service, the request and what happened.
 */
public class ServiceCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The status used when no answer came at all. */
    public static final int NO_ANSWER = 0;

    private final String service;
    private final int status;
    private final String remoteCode;
    private final String remoteMessage;

    private ServiceCallException(
            String message, String service, int status, String remoteCode, String remoteMessage, Throwable cause) {
        super(message, cause);
        this.service = service;
        this.status = status;
        this.remoteCode = remoteCode;
        this.remoteMessage = remoteMessage;
    }

    static ServiceCallException unreachable(String service, String method, URI uri, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String message = service + " is unreachable (" + method + " " + uri + "): " + reason + "; check that " + service
                + " runs at " + uri.resolve("/");
        return new ServiceCallException(message, service, NO_ANSWER, null, null, cause);
    }

    static ServiceCallException answered(
            String service, String method, URI uri, int status, ErrorBody.Detail error, String rawBody) {
        String what = error == null ? abbreviate(rawBody) : error.code() + ": " + error.message();
        String message = service + " answered " + status + " to " + method + " " + uri + " (" + what + ")";
        return new ServiceCallException(
                message,
                service,
                status,
                error == null ? null : error.code(),
                error == null ? null : error.message(),
                null);
    }

    static ServiceCallException unreadable(String service, String method, URI uri, int status, Throwable cause) {
        String message = service + " answered " + status + " to " + method + " " + uri
                + " with a body that is not the expected JSON: " + cause.getMessage();
        return new ServiceCallException(message, service, status, null, null, cause);
    }

    /** The called service's name, for example {@code pools}. */
    public String service() {
        return service;
    }

    /** The HTTP status it answered, or {@link #NO_ANSWER}. */
    public int status() {
        return status;
    }

    /** The error code from its JSON error body, for example {@code not_found}, when it sent one. */
    public Optional<String> remoteCode() {
        return Optional.ofNullable(remoteCode);
    }

    /** The message from its JSON error body, when it sent one. */
    public Optional<String> remoteMessage() {
        return Optional.ofNullable(remoteMessage);
    }

    /** True when the service did not answer, timed out or failed (5xx): a later try may pass. */
    public boolean isUnavailable() {
        return status == NO_ANSWER || status >= 500;
    }

    /** True for an answer with this status. */
    public boolean hasStatus(int expected) {
        return status == expected;
    }

    /**
     * The error to answer our own caller with: the service's own 4xx error passed through as it came,
     * anything else as 503 {@code unavailable} naming the service.
     */
    public ApiException toApiException() {
        Optional<ErrorCode> passedThrough =
                remoteCode().flatMap(ErrorCode::fromWireName).filter(code -> code.status() == status && status < 500);
        if (passedThrough.isPresent()) {
            return new ApiException(passedThrough.get(), remoteMessage, this);
        }
        return new ApiException(ErrorCode.UNAVAILABLE, getMessage(), this);
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "no body";
        }
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
