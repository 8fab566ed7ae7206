package dev.matchflow.cleanup;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.matchflow.events.EventFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.matchflow.observability.Telemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FunctionHostTest extends CleanupFunctionOverHttpContract {

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Telemetry telemetry = Telemetry.inProcess(CleanupFunction.NAME);
    private FunctionHost host;

    @Override
    URI startFunction(URI matchesUrl, Duration requestTimeout) {
        CleanupSettings settings = new CleanupSettings(
                matchesUrl,
                new SharedSecretTokenSource(CleanupFunctionTest.TOKEN),
                CleanupSettings.DEFAULT_CONNECT_TIMEOUT,
                requestTimeout);
        CleanupFunction function = new CleanupFunction(settings, new SimpleMeterRegistry(), telemetry.openTelemetry());
        host = new FunctionHost(function).start("127.0.0.1", 0);
        return host.url();
    }

    @AfterEach
    void stopHost() {
        if (host != null) {
            host.close();
        }
        telemetry.close();
    }

    @Test
    void hostListensOnLoopbackOnly() {
        URI url = startFunction(URI.create("http://127.0.0.1:1"), CleanupSettings.DEFAULT_REQUEST_TIMEOUT);

        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(url.getPort()).isEqualTo(host.port()).isPositive();
    }

    @Test
    void structuredCloudEventIsPassedToTheFunction() throws Exception {
        URI function = startFunction(URI.create("http://127.0.0.1:1"), CleanupSettings.DEFAULT_REQUEST_TIMEOUT);

        HttpResponse<String> response =
                post(function, "application/cloudevents+json", payload("structured-cloudevent.json"));

        assertThat(response.statusCode())
                .as("an envelope without a message is acknowledged")
                .isEqualTo(204);
    }

    @Test
    void requestThatIsNotACloudEventAnswers400WithTheReason() throws Exception {
        URI function = startFunction(URI.create("http://127.0.0.1:1"), CleanupSettings.DEFAULT_REQUEST_TIMEOUT);

        HttpResponse<String> response = post(function, "application/json", currentEnvelope());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"not_a_cloudevent\"", "ce-specversion");
    }

    @Test
    void getIsNotAllowed() throws Exception {
        URI function = startFunction(URI.create("http://127.0.0.1:1"), CleanupSettings.DEFAULT_REQUEST_TIMEOUT);

        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(function).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void closedHostNoLongerAnswers() throws Exception {
        URI function = startFunction(URI.create("http://127.0.0.1:1"), CleanupSettings.DEFAULT_REQUEST_TIMEOUT);

        host.close();

        assertThat(isListening(function)).isFalse();
    }

    @Test
    void closingLetsAnInvocationInProgressFinish() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CleanupFunctionTest.CLEANUP_PATH))
                .willReturn(okJson("{\"matches_deleted\":0,\"decisions_deleted\":0,\"accepted_kept\":0}")
                        .withFixedDelay(1_000)));
        URI function = startFunction(URI.create(MATCHES.baseUrl()), CleanupSettings.DEFAULT_REQUEST_TIMEOUT);
        CompletableFuture<HttpResponse<String>> inProgress =
                http.sendAsync(binaryRequest(function, currentEnvelope()), HttpResponse.BodyHandlers.ofString());
        await().until(() -> !MATCHES.getAllServeEvents().isEmpty());

        host.close();

        assertThat(inProgress.get().statusCode()).isEqualTo(204);
    }

    private HttpResponse<String> post(URI function, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(function)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private boolean isListening(URI function) throws InterruptedException {
        try {
            http.send(HttpRequest.newBuilder(function).GET().build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
