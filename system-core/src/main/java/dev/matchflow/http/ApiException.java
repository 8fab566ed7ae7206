package dev.matchflow.http;

/**
 * Ends a request with an error answer: the code's status and
 * {@code {"error":{"code":"...","message":"..."}}}. The message is shown to the caller, so it says what
 * was wrong, with the offending value, and what to do.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ApiException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ApiException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message);
    }

    public static ApiException invalidBody(String message) {
        return new ApiException(ErrorCode.INVALID_BODY, message);
    }
}
