package dev.matchflow.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads what a request carries, answering 400 with a message that names the parameter and the value. */
public final class Requests {

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Requests() {}

    /** A UUID path parameter, for example {@code pathUuid(ctx, "user_id")} for {@code /users/{user_id}}. */
    public static UUID pathUuid(Context ctx, String name) {
        return uuid(name, ctx.pathParam(name));
    }

    /** An optional UUID query parameter; absent or empty gives an empty optional. */
    public static Optional<UUID> queryUuid(Context ctx, String name) {
        return query(ctx, name).map(value -> uuid(name, value));
    }

    /** An optional RFC 3339 instant query parameter, for example {@code 2025-12-05T10:30:00.123456Z}. */
    public static Optional<Instant> queryInstant(Context ctx, String name) {
        return query(ctx, name).map(value -> instant(name, value));
    }

    /** An optional query parameter; absent or empty gives an empty optional. */
    public static Optional<String> query(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(value -> !value.isEmpty());
    }

    /**
     * Parses a value named {@code name} as a UUID in its canonical 36-character form.
     *
     * @throws ApiException {@code invalid_id}, naming the parameter and the value
     */
    public static UUID uuid(String name, String value) {
        if (value == null || !CANONICAL_UUID.matcher(value).matches()) {
            throw new ApiException(ErrorCode.INVALID_ID, name + " '" + value + "' is not a UUID");
        }
        return UUID.fromString(value);
    }

    /**
     * Reads the JSON body as {@code type}, refusing bodies larger than the server's limit.
     *
     * @throws ApiException {@code body_too_large} past the limit, {@code invalid_body} when it is not JSON of
     *     that shape
     */
    public static <T> T body(Context ctx, Class<T> type) {
        byte[] bytes = boundedBody(ctx);
        if (bytes.length == 0) {
            throw ApiException.invalidBody("the request has no body; send a JSON object");
        }
        try {
            T value = Json.mapper().readValue(bytes, type);
            if (value == null) {
                throw ApiException.invalidBody("the body is null; send a JSON object");
            }
            return value;
        } catch (MismatchedInputException e) {
            throw ApiException.invalidBody("the body does not have the expected shape: " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw ApiException.invalidBody("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.invalidBody("the body could not be read: " + e.getMessage());
        }
    }

    /**
     * Checks that a required field of a body is present.
     *
     * @throws ApiException {@code invalid_body} naming the field
     */
    public static <T> T required(T value, String field) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw ApiException.invalidBody("field '" + field + "' is required");
        }
        return value;
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(
                    ErrorCode.INVALID_PARAMETER,
                    name + " '" + value + "' is not an RFC 3339 UTC time such as 2025-12-05T10:30:00.123456Z");
        }
    }

    private static byte[] boundedBody(Context ctx) {
        long limit = ApiServer.bodyLimit(ctx);
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(limit);
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.invalidBody("the body could not be read: " + e.getMessage());
        }
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(
                ErrorCode.BODY_TOO_LARGE, "the request body is larger than " + limit + " bytes; send a smaller body");
    }
}
