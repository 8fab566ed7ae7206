package dev.matchflow.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Plain HTTP calls for API tests, answering status and body as they came. */
public final class TestHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestHttp() {}

    /** An answer: its status, its raw body, and the body as JSON (a missing node when it is not JSON). */
    public record Answer(int status, String body, Map<String, String> headers) {

        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("the answer is not JSON: " + body, e);
            }
        }

        public String errorCode() {
            return json().path("error").path("code").asText();
        }

        public String errorMessage() {
            return json().path("error").path("message").asText();
        }
    }

    public static Answer get(String url) {
        return send("GET", url, BodyPublishers.noBody(), Map.of());
    }

    public static Answer post(String url, String json) {
        return send("POST", url, BodyPublishers.ofString(json), Map.of());
    }

    public static Answer delete(String url) {
        return send("DELETE", url, BodyPublishers.noBody(), Map.of());
    }

    public static Answer delete(String url, Map<String, String> headers) {
        return send("DELETE", url, BodyPublishers.noBody(), headers);
    }

    public static Answer send(String method, String url, BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body);
        headers.forEach(request::setHeader);
        try {
            var response = CLIENT.send(request.build(), BodyHandlers.ofString());
            Map<String, String> firstValues = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().map().forEach((name, values) -> firstValues.put(name, values.get(0)));
            return new Answer(response.statusCode(), response.body(), firstValues);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + url, e);
        }
    }
}
