package dev.matchflow.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matchflow.events.EventCodec;
import dev.matchflow.events.PoolMemberRemoved;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Calls Matches' internal cleanup endpoint for one event and classifies the answer. The call carries the current
 * trace context in a {@code traceparent} header.
 */
final class MatchesClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CleanupSettings settings;
    private final String baseUrl;
    private final HttpClient http;
    private final TextMapPropagator propagator;

    MatchesClient(CleanupSettings settings, OpenTelemetry openTelemetry) {
        this.settings = settings;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.baseUrl = settings.baseUrl();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .build();
    }

    /**
     * Asks Matches to delete the user's non-accepted matches in the pool, created at or before the event's
     * timestamp when it has one.
     *
     * @throws MatchesUnavailableException when the call failed in a way a retry may fix
     */
    MatchesAnswer cleanup(PoolMemberRemoved event) throws MatchesUnavailableException, InterruptedException {
        URI uri = cleanupUri(event);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .DELETE()
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
        propagator.inject(Context.current(), request, HttpRequest.Builder::header);

        HttpResponse<String> response = send(request.build());

        return classify(uri, response);
    }

    private String token() throws MatchesUnavailableException {
        try {
            return settings.tokenSource().token();
        } catch (TokenUnavailableException e) {
            throw new MatchesUnavailableException(FailureCause.NO_TOKEN, e.getMessage(), e);
        }
    }

    URI cleanupUri(PoolMemberRemoved event) {
        StringBuilder uri = new StringBuilder(baseUrl)
                .append("/matches/internal/cleanup/user/")
                .append(event.userId())
                .append("/pool/")
                .append(event.poolId())
                .append("?event_id=")
                .append(event.eventId());
        event.timestamp()
                .ifPresent(leftAt -> uri.append("&left_at=").append(queryValue(EventCodec.formatTimestamp(leftAt))));
        return URI.create(uri.toString());
    }

    private HttpResponse<String> send(HttpRequest request) throws MatchesUnavailableException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new MatchesUnavailableException(
                    FailureCause.UNREACHABLE, "Matches at " + baseUrl + " is unreachable: " + describe(e), e);
        } catch (HttpTimeoutException e) {
            throw new MatchesUnavailableException(
                    FailureCause.TIMEOUT,
                    "Matches at " + baseUrl + " did not answer within "
                            + settings.requestTimeout().toMillis() + " ms",
                    e);
        } catch (IOException e) {
            throw new MatchesUnavailableException(
                    FailureCause.UNREACHABLE, "the call to Matches at " + baseUrl + " broke off: " + describe(e), e);
        }
    }

    private static MatchesAnswer classify(URI uri, HttpResponse<String> response) throws MatchesUnavailableException {
        int status = response.statusCode();
        if (status == 200) {
            return new MatchesAnswer.Cleaned(counts(uri, response.body()));
        }
        if (status == 400 || status == 404) {
            return refused(status, response.body());
        }
        if (status == 401 || status == 403) {
            throw new MatchesUnavailableException(
                    FailureCause.UNAUTHORIZED,
                    "Matches refused the token with " + status + "; check that INTERNAL_TOKEN (or, in the cloud, the"
                            + " function's service account) is what Matches expects, then redrive the dead letters",
                    null);
        }
        FailureCause cause = status >= 500 || status == 429 ? FailureCause.UNAVAILABLE : FailureCause.UNEXPECTED_ANSWER;
        throw new MatchesUnavailableException(
                cause,
                "Matches answered " + status + " to DELETE " + uri.getPath() + ": " + abbreviate(response.body()),
                null);
    }

    private static CleanupCounts counts(URI uri, String body) throws MatchesUnavailableException {
        try {
            JsonNode answer = JSON.readTree(body);
            return new CleanupCounts(
                    count(answer, "matches_deleted"),
                    count(answer, "decisions_deleted"),
                    count(answer, "accepted_kept"),
                    answer.path("duplicate").asBoolean(false));
        } catch (IOException | IllegalArgumentException e) {
            throw new MatchesUnavailableException(
                    FailureCause.UNEXPECTED_ANSWER,
                    "Matches answered 200 to DELETE " + uri.getPath() + " with a body that is not cleanup counts: "
                            + abbreviate(body),
                    e);
        }
    }

    private static int count(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt() || value.intValue() < 0) {
            throw new IllegalArgumentException(field + " is missing or not a count");
        }
        return value.intValue();
    }

    private static MatchesAnswer.Refused refused(int status, String body) {
        JsonNode error = readQuietly(body).path("error");
        String code = error.path("code").asText("http_" + status);
        String message = error.path("message").asText(abbreviate(body));
        return new MatchesAnswer.Refused(status, code, message);
    }

    private static JsonNode readQuietly(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String queryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + " " + e.getMessage();
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
