package dev.matchflow.pubsub.embedded.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import java.util.Objects;

/**
 * The answer to a {@link RestRequest}: an HTTP status and a body.
 *
 * <p>Errors take the form Google's REST APIs use, {@code {"error":{"code":404,"message":"...","status":"NOT_FOUND"}}},
 * with the HTTP status that {@code google.rpc.Code} documents for the gRPC status.
 */
public record RestResponse(int status, String contentType, String body) {

    static final String JSON = "application/json; charset=UTF-8";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public RestResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    static RestResponse json(String body) {
        return new RestResponse(200, JSON, body);
    }

    static RestResponse text(String body) {
        return new RestResponse(200, "text/plain; charset=UTF-8", body);
    }

    /** The error form of a gRPC status, with the HTTP status Google maps it to. */
    public static RestResponse error(Status status) {
        return error(httpStatusOf(status.getCode()), status);
    }

    /** The error form of a gRPC status under an HTTP status of the caller's choice (413 for a body too large). */
    public static RestResponse error(int httpStatus, Status status) {
        ErrorDetail error =
                new ErrorDetail(httpStatus, messageOf(status), status.getCode().name());
        return new RestResponse(httpStatus, JSON, toJson(new ErrorBody(error)));
    }

    static int httpStatusOf(Status.Code code) {
        return switch (code) {
            case OK -> 200;
            case CANCELLED -> 499;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case RESOURCE_EXHAUSTED -> 429;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
        };
    }

    private static String messageOf(Status status) {
        if (status.getDescription() != null) {
            return status.getDescription();
        }
        return status.getCause() != null
                ? status.getCause().toString()
                : status.getCode().name();
    }

    private static String toJson(ErrorBody body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An error body of a number and strings could not be written as JSON", e);
        }
    }

    record ErrorBody(ErrorDetail error) {}

    record ErrorDetail(int code, String message, String status) {}
}
