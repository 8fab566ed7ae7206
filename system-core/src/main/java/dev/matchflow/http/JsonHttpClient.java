package dev.matchflow.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.matchflow.observability.SpanAttributes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Calls another service's JSON API. Every failure becomes a {@link ServiceCallException} that names the
 * service, the request and the status; a 404 can be asked for as an empty answer instead.
 *
 * <p>{@link #withOpenTelemetry(OpenTelemetry) With tracing}, every call is a CLIENT span named {@code METHOD
 * service} (for example {@code DELETE pools}), a child of the current span, and carries its context to the
 * service in a {@code traceparent} header. A failed call marks the span as an error, except for a 4xx: that is
 * an answer the caller handles, such as the 404 of {@link #find(String, Class)}.
 */
public final class JsonHttpClient {

    /** How long a call may take unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final String service;
    private final URI baseUrl;
    private final Duration timeout;
    private final Optional<String> bearerToken;
    private final HttpClient http;
    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;

    private JsonHttpClient(
            String service,
            URI baseUrl,
            Duration timeout,
            Optional<String> bearerToken,
            HttpClient http,
            OpenTelemetry openTelemetry) {
        this.service = Objects.requireNonNull(service, "service");
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.bearerToken = bearerToken;
        this.http = http;
        this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        this.tracer = openTelemetry.getTracer("dev.matchflow.http");
    }

    /**
     * A client for the service named {@code service} (used in errors and logs) at {@code baseUrl}, for
     * example {@code http://127.0.0.1:8081}.
     */
    public static JsonHttpClient create(String service, String baseUrl, Duration timeout) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        return new JsonHttpClient(
                service, baseUri(service, baseUrl), timeout, Optional.empty(), http, OpenTelemetry.noop());
    }

    /** The same client sending {@code Authorization: Bearer <token>} with every call. */
    public JsonHttpClient withBearerToken(String token) {
        return new JsonHttpClient(service, baseUrl, timeout, Optional.of(token), http, openTelemetry);
    }

    /** The same client tracing every call with {@code newOpenTelemetry}, for example a {@code Telemetry}'s. */
    public JsonHttpClient withOpenTelemetry(OpenTelemetry newOpenTelemetry) {
        return new JsonHttpClient(service, baseUrl, timeout, bearerToken, http, newOpenTelemetry);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public <T> T get(String path, Class<T> answer) {
        return send("GET", path, BodyPublishers.noBody(), answer);
    }

    /** A GET that answers empty when the service answers 404. */
    public <T> Optional<T> find(String path, Class<T> answer) {
        try {
            return Optional.ofNullable(get(path, answer));
        } catch (ServiceCallException e) {
            if (e.hasStatus(404)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public <T> T post(String path, Object body, Class<T> answer) {
        return send("POST", path, json(body), answer);
    }

    /** A DELETE; pass {@code Void.class} for an answer without a body. */
    public <T> T delete(String path, Class<T> answer) {
        return send("DELETE", path, BodyPublishers.noBody(), answer);
    }

    private <T> T send(String method, String path, BodyPublisher body, Class<T> answer) {
        URI uri = baseUrl.resolve(path.startsWith("/") ? path.substring(1) : path);
        if (openTelemetry == OpenTelemetry.noop()) {
            return answerOf(method, uri, exchange(method, uri, body), answer);
        }
        Span span = clientSpan(method, uri);

        try (Scope ignored = span.makeCurrent()) {
            HttpResponse<String> response = exchange(method, uri, body);
            span.setAttribute(SpanAttributes.HTTP_RESPONSE_STATUS_CODE, response.statusCode());
            return answerOf(method, uri, response, answer);
        } catch (ServiceCallException e) {
            if (!isClientError(e.status())) {
                span.setStatus(StatusCode.ERROR, e.getMessage());
            }
            throw e;
        } finally {
            span.end();
        }
    }

    private Span clientSpan(String method, URI uri) {
        return tracer.spanBuilder(method + " " + service)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(SpanAttributes.HTTP_REQUEST_METHOD, method)
                .setAttribute(SpanAttributes.PEER_SERVICE, service)
                .setAttribute(SpanAttributes.URL_FULL, uri.toString())
                .startSpan();
    }

    private static boolean isClientError(int status) {
        return status >= 400 && status < 500;
    }

    private <T> T answerOf(String method, URI uri, HttpResponse<String> response, Class<T> answer) {
        if (response.statusCode() / 100 != 2) {
            throw ServiceCallException.answered(
                    service, method, uri, response.statusCode(), errorOf(response.body()), response.body());
        }
        return decode(method, uri, response, answer);
    }

    private HttpResponse<String> exchange(String method, URI uri, BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body);
        bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        openTelemetry
                .getPropagators()
                .getTextMapPropagator()
                .inject(Context.current(), request, HttpRequest.Builder::header);
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw ServiceCallException.unreachable(service, method, uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ServiceCallException.unreachable(service, method, uri, e);
        }
    }

    private <T> T decode(String method, URI uri, HttpResponse<String> response, Class<T> answer) {
        if (answer == Void.class || response.body().isEmpty()) {
            return null;
        }
        try {
            return Json.mapper().readValue(response.body(), answer);
        } catch (JsonProcessingException e) {
            throw ServiceCallException.unreadable(service, method, uri, response.statusCode(), e);
        }
    }

    private static ErrorBody.Detail errorOf(String body) {
        try {
            ErrorBody error = Json.mapper().readValue(body, ErrorBody.class);
            return error == null ? null : error.error();
        } catch (JsonProcessingException notOurErrorForm) {
            return null;
        }
    }

    private static BodyPublisher json(Object body) {
        try {
            return BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static URI baseUri(String service, String baseUrl) {
        try {
            URI uri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("not http or https");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the URL of " + service + " '" + baseUrl + "' is not an http(s) URL such as http://127.0.0.1:8081",
                    e);
        }
    }
}
