package dev.matchflow.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.matchflow.testing.FreePorts;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonHttpClientTest {

    private static final UUID KNOWN = UUID.fromString("11111111-1111-4111-8111-111111111111");

    private ApiServer downstream;
    private JsonHttpClient client;

    record Widget(UUID widgetId, String colour) {}

    @BeforeEach
    void startDownstream() {
        downstream = ApiServer.start(
                "widgets", HttpSettings.loopback(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), app -> {
                    app.get("/widgets/{widget_id}", ctx -> {
                        if (!Requests.pathUuid(ctx, "widget_id").equals(KNOWN)) {
                            throw ApiException.notFound("widget does not exist");
                        }
                        ctx.json(new Widget(KNOWN, "teal"));
                    });
                    app.post("/widgets", ctx -> {
                        throw ApiException.conflict("widget already exists");
                    });
                });
        client = JsonHttpClient.create("widgets", downstream.url(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopDownstream() {
        downstream.close();
    }

    @Test
    void aJsonAnswerIsDecodedFromSnakeCase() {
        Widget widget = client.get("/widgets/" + KNOWN, Widget.class);

        assertThat(widget).isEqualTo(new Widget(KNOWN, "teal"));
    }

    @Test
    void findAnswersEmptyWhenTheServiceAnswers404() {
        assertThat(client.find("/widgets/" + UUID.randomUUID(), Widget.class)).isEmpty();
    }

    @Test
    void anErrorAnswerNamesTheServiceTheRequestAndTheStatusAndPassesThroughAsItCame() {
        assertThatThrownBy(() -> client.post("/widgets", new Widget(KNOWN, "red"), Widget.class))
                .isInstanceOfSatisfying(ServiceCallException.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo("widgets answered 409 to POST " + downstream.url()
                                    + "/widgets (conflict: widget already exists)");
                    assertThat(e.isUnavailable()).isFalse();
                    assertThat(e.toApiException().code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.toApiException().getMessage()).isEqualTo("widget already exists");
                });
    }

    @Test
    void aServiceThatIsDownIsUnavailableAndSaysWhereItWasLookedFor() {
        String nowhere = "http://127.0.0.1:" + FreePorts.unused();
        JsonHttpClient toNowhere = JsonHttpClient.create("widgets", nowhere, Duration.ofSeconds(2));

        assertThatThrownBy(() -> toNowhere.get("/widgets/" + KNOWN, Widget.class))
                .isInstanceOfSatisfying(ServiceCallException.class, e -> {
                    assertThat(e.isUnavailable()).isTrue();
                    assertThat(e.getMessage()).startsWith("widgets is unreachable (GET " + nowhere + "/widgets/");
                    assertThat(e.toApiException().code()).isEqualTo(ErrorCode.UNAVAILABLE);
                });
    }

    @Test
    void aServiceThatAnswersTooSlowlyIsUnavailable() {
        WireMockServer slow = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        slow.start();
        try {
            slow.stubFor(WireMock.get("/widgets/" + KNOWN)
                    .willReturn(WireMock.okJson("{}").withFixedDelay(5_000)));
            JsonHttpClient impatient = JsonHttpClient.create("widgets", slow.baseUrl(), Duration.ofMillis(200));

            assertThatThrownBy(() -> impatient.get("/widgets/" + KNOWN, Widget.class))
                    .isInstanceOfSatisfying(
                            ServiceCallException.class,
                            e -> assertThat(e.isUnavailable()).isTrue());
        } finally {
            slow.stop();
        }
    }

    @Test
    void aServerErrorIsUnavailableRatherThanPassedThrough() {
        WireMockServer failing = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        failing.start();
        try {
            failing.stubFor(WireMock.get("/widgets/" + KNOWN)
                    .willReturn(
                            WireMock.serverError().withBody("{\"error\":{\"code\":\"internal\",\"message\":\"x\"}}")));
            JsonHttpClient toFailing = JsonHttpClient.create("widgets", failing.baseUrl(), Duration.ofSeconds(2));

            assertThatThrownBy(() -> toFailing.get("/widgets/" + KNOWN, Widget.class))
                    .isInstanceOfSatisfying(ServiceCallException.class, e -> {
                        assertThat(e.status()).isEqualTo(500);
                        assertThat(e.toApiException().code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    });
        } finally {
            failing.stop();
        }
    }
}
