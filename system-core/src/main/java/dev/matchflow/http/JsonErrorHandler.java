package dev.matchflow.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The answer of the server itself to requests it refuses before any endpoint sees them (a path with an encoded
 * slash, a NUL or a {@code ..} above the root, a malformed request line or header), in the same JSON error form as
 * every endpoint's, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final String JSON = "application/json";

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JSON);
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected void generateAcceptableResponse(
            Request baseRequest, HttpServletRequest request, HttpServletResponse response, int code, String message)
            throws IOException {
        baseRequest.setHandled(true);
        response.setContentType(JSON);
        response.getOutputStream().write(body(code, message));
    }

    private static byte[] body(int status, String reason) {
        String what = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        ErrorCode code =
                status == HttpStatus.PAYLOAD_TOO_LARGE_413 ? ErrorCode.BODY_TOO_LARGE : ErrorCode.INVALID_REQUEST;
        String message = "the server refused the request before any endpoint saw it: " + what;
        if (status == HttpStatus.BAD_REQUEST_400) {
            message += "; ids in paths are UUIDs, with no encoded slash, NUL or '..'";
        }
        try {
            return Json.mapper().writeValueAsString(ErrorBody.of(code, message)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body of two strings could not be written as JSON", e);
        }
    }
}
