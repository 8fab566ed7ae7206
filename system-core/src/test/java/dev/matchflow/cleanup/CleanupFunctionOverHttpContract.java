package dev.matchflow.cleanup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.matchflow.cleanup.CleanupFunctionTest.CLEANUP_PATH;
import static dev.matchflow.cleanup.CleanupFunctionTest.TOKEN;
import static dev.matchflow.events.EventFixtures.EVENT_ID;
import static dev.matchflow.events.EventFixtures.matchingAttributes;
import static dev.matchflow.events.EventFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.matchflow.events.MessagePublishedData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the cleanup function answers over HTTP, whoever hosts it: 2xx acknowledges the delivery, 500 asks for it
 * again. Subclasses start the function with the given settings in their host.
 */
abstract class CleanupFunctionOverHttpContract {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String COUNTS =
            "{\"matches_deleted\":2,\"decisions_deleted\":3,\"accepted_kept\":1,\"duplicate\":false}";

    @RegisterExtension
    static final WireMockExtension MATCHES = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Starts the function with these settings and answers the URL to POST CloudEvents to. */
    abstract URI startFunction(URI matchesUrl, Duration requestTimeout) throws Exception;

    @Test
    void cleanedEventIsAcknowledged() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson(COUNTS)));
        URI function = startFunction(matchesUrl(), CleanupSettings.DEFAULT_REQUEST_TIMEOUT);

        HttpResponse<String> response = postBinary(function, currentEnvelope());

        assertThat(response.statusCode()).isBetween(200, 204);
        MATCHES.verify(deleteRequestedFor(urlPathEqualTo(CLEANUP_PATH))
                .withQueryParam("event_id", equalTo(EVENT_ID.toString()))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void theCallToMatchesContinuesTheTraceOfTheCloudEventsTraceparent() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson(COUNTS)));
        URI function = startFunction(matchesUrl(), CleanupSettings.DEFAULT_REQUEST_TIMEOUT);
        HttpRequest traced = HttpRequest.newBuilder(binaryRequest(function, currentEnvelope()), (name, value) -> true)
                .header("ce-traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .build();

        HttpResponse<String> response = http.send(traced, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isBetween(200, 204);
        MATCHES.verify(deleteRequestedFor(urlPathEqualTo(CLEANUP_PATH))
                .withHeader("traceparent", matching("00-" + TRACE_ID + "-(?!00f067aa0ba902b7)[0-9a-f]{16}-01")));
    }

    @Test
    void invalidEventIsAcknowledgedWithoutCallingMatches() throws Exception {
        URI function = startFunction(matchesUrl(), CleanupSettings.DEFAULT_REQUEST_TIMEOUT);
        byte[] notJson = MessagePublishedEvents.envelope("gone".getBytes(StandardCharsets.UTF_8), Map.of());

        HttpResponse<String> response = postBinary(function, notJson);

        assertThat(response.statusCode()).isBetween(200, 204);
        MATCHES.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void eventMatchesRefusesIsAcknowledged() throws Exception {
        MATCHES.stubFor(
                delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(aResponse().withStatus(400)));
        URI function = startFunction(matchesUrl(), CleanupSettings.DEFAULT_REQUEST_TIMEOUT);

        HttpResponse<String> response = postBinary(function, currentEnvelope());

        assertThat(response.statusCode()).isBetween(200, 204);
    }

    @Test
    void matchesUnavailableAnswers500SoTheDeliveryIsRetried() throws Exception {
        MATCHES.stubFor(
                delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(aResponse().withStatus(503)));
        URI function = startFunction(matchesUrl(), CleanupSettings.DEFAULT_REQUEST_TIMEOUT);

        HttpResponse<String> response = postBinary(function, currentEnvelope());

        assertThat(response.statusCode()).isEqualTo(500);
    }

    @Test
    void matchesTooSlowAnswers500() throws Exception {
        MATCHES.stubFor(
                delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson(COUNTS).withFixedDelay(3_000)));
        URI function = startFunction(matchesUrl(), Duration.ofMillis(300));

        HttpResponse<String> response = postBinary(function, currentEnvelope());

        assertThat(response.statusCode()).isEqualTo(500);
    }

    @Test
    void matchesDownAnswers500() throws Exception {
        URI downMatches = URI.create("http://127.0.0.1:" + LoopbackPorts.unused());
        URI function = startFunction(downMatches, CleanupSettings.DEFAULT_REQUEST_TIMEOUT);

        HttpResponse<String> response = postBinary(function, currentEnvelope());

        assertThat(response.statusCode()).isEqualTo(500);
    }

    HttpResponse<String> postBinary(URI function, byte[] data) throws IOException, InterruptedException {
        return http.send(binaryRequest(function, data), HttpResponse.BodyHandlers.ofString());
    }

    /** A binary-mode {@code messagePublished} CloudEvent, as Eventarc POSTs it. */
    static HttpRequest binaryRequest(URI function, byte[] data) {
        return HttpRequest.newBuilder(function)
                .POST(HttpRequest.BodyPublishers.ofByteArray(data))
                .header("ce-id", MessagePublishedEvents.MESSAGE_ID)
                .header("ce-source", MessagePublishedEvents.SOURCE)
                .header("ce-type", MessagePublishedData.CLOUD_EVENT_TYPE)
                .header("ce-specversion", "1.0")
                .header("Content-Type", "application/json")
                .build();
    }

    static byte[] currentEnvelope() {
        return MessagePublishedEvents.envelope(payload("pool-member-removed.json"), matchingAttributes());
    }

    private static URI matchesUrl() {
        return URI.create(MATCHES.baseUrl());
    }
}
