package dev.matchflow.pubsub.embedded.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends REST requests over HTTP/1.1 to a loopback port, as {@code gcloud} and {@code curl} do. */
final class RestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    RestClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** One answer: its status and its body, parsed when it is JSON. */
    record Reply(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (status " + status + "): " + body, e);
            }
        }

        /** The {@code status} string of Google's REST error form, for example NOT_FOUND. */
        String errorStatus() {
            return json().path("error").path("status").asText();
        }

        String errorMessage() {
            return json().path("error").path("message").asText();
        }
    }

    Reply get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    Reply delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, null);
    }

    Reply put(String pathAndQuery, String json) {
        return send("PUT", pathAndQuery, json);
    }

    Reply patch(String pathAndQuery, String json) {
        return send("PATCH", pathAndQuery, json);
    }

    Reply post(String pathAndQuery, String json) {
        return send("POST", pathAndQuery, json);
    }

    Reply send(String method, String pathAndQuery, String json) {
        return send(request(method, pathAndQuery, json).build());
    }

    /** Sends with the headers {@code gcloud} sends. */
    Reply sendAsGcloud(String method, String pathAndQuery, String json) {
        return send(request(method, pathAndQuery, json)
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip, deflate")
                .header("User-Agent", "google-cloud-sdk gcloud/528.0.0 command/gcloud.pubsub")
                .build());
    }

    private HttpRequest.Builder request(String method, String pathAndQuery, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return request;
    }

    private Reply send(HttpRequest request) {
        String target = request.method() + " " + request.uri();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(target + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + target, e);
        }
    }
}
