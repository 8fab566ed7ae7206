package dev.matchflow.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.matchflow.observability.LogFields;
import dev.matchflow.observability.SpanAttributes;
import dev.matchflow.observability.Telemetry;
import dev.matchflow.testing.FreePorts;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Server and client spans of the HTTP plumbing, read from an in-process span feed. */
class HttpTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";

    private final Telemetry telemetry = Telemetry.inProcess("gadgets");
    private final List<SpanData> spans = new CopyOnWriteArrayList<>();
    private ApiServer server;

    record Gadget(String traceId) {}

    @BeforeEach
    void startTracedServer() {
        telemetry.spans().subscribe(spans::add);
        HttpSettings settings = HttpSettings.loopback().withOpenTelemetry(telemetry.openTelemetry());
        server = ApiServer.start("gadgets", settings, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), app -> {
            app.get("/users/{user_id}/gadgets/{match_id}", ctx -> ctx.json(new Gadget(MDC.get(LogFields.TRACE_ID))));
            app.get("/boom", ctx -> {
                throw new IllegalStateException("secret internals");
            });
        });
    }

    @AfterEach
    void stop() {
        server.close();
        telemetry.close();
    }

    @Test
    void aRequestIsAServerSpanNamedAfterItsRouteWithTheIdsOfItsPath() {
        UUID userId = UUID.randomUUID();
        UUID matchId = UUID.randomUUID();

        TestHttp.get(server.url() + "/users/" + userId + "/gadgets/" + matchId);

        SpanData span = awaitSpan("GET /users/{user_id}/gadgets/{match_id}");
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("dev.matchflow.gadgets");
        assertThat(span.getAttributes().get(SpanAttributes.HTTP_REQUEST_METHOD)).isEqualTo("GET");
        assertThat(span.getAttributes().get(SpanAttributes.HTTP_ROUTE))
                .isEqualTo("/users/{user_id}/gadgets/{match_id}");
        assertThat(span.getAttributes().get(SpanAttributes.HTTP_RESPONSE_STATUS_CODE))
                .isEqualTo(200L);
        assertThat(span.getAttributes().get(SpanAttributes.USER_ID)).isEqualTo(userId.toString());
        assertThat(span.getAttributes().get(SpanAttributes.MATCH_ID)).isEqualTo(matchId.toString());
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aRequestWithATraceparentContinuesThatTrace() {
        String traceparent = "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01";

        TestHttp.send(
                "GET",
                server.url() + "/users/" + UUID.randomUUID() + "/gadgets/" + UUID.randomUUID(),
                BodyPublishers.noBody(),
                Map.of("traceparent", traceparent));

        SpanData span = awaitSpan("GET /users/{user_id}/gadgets/{match_id}");
        assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(span.getParentSpanId()).isEqualTo(CALLER_SPAN_ID);
    }

    @Test
    void theTraceIdIsInTheLogContextWhileTheHandlerRuns() {
        TestHttp.Answer answer =
                TestHttp.get(server.url() + "/users/" + UUID.randomUUID() + "/gadgets/" + UUID.randomUUID());

        SpanData span = awaitSpan("GET /users/{user_id}/gadgets/{match_id}");
        assertThat(answer.json().path("trace_id").asText()).isEqualTo(span.getTraceId());
    }

    @Test
    void aServerErrorMarksTheSpanAsAnError() {
        TestHttp.Answer answer = TestHttp.get(server.url() + "/boom");

        SpanData span = awaitSpan("GET /boom");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(SpanAttributes.HTTP_RESPONSE_STATUS_CODE))
                .isEqualTo(500L);
    }

    @Test
    void aRequestForNoEndpointKeepsTheBareMethodAsItsNameAndIsNoError() {
        TestHttp.get(server.url() + "/nowhere");

        SpanData span = awaitSpan("GET");
        assertThat(span.getAttributes().get(SpanAttributes.HTTP_ROUTE)).isNull();
        assertThat(span.getAttributes().get(SpanAttributes.HTTP_RESPONSE_STATUS_CODE))
                .isEqualTo(404L);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void healthProbesAndScrapesAreNotTraced() {
        TestHttp.get(server.url() + "/healthz");
        TestHttp.get(server.url() + "/metrics");
        TestHttp.get(server.url() + "/nowhere");

        awaitSpan("GET");
        assertThat(spans).extracting(SpanData::getName).containsExactly("GET");
    }

    @Test
    void aClientCallIsAClientSpanWhoseContextTheServerContinues() {
        JsonHttpClient client = JsonHttpClient.create("gadgets", server.url(), Duration.ofSeconds(5))
                .withOpenTelemetry(telemetry.openTelemetry());
        String path = "/users/" + UUID.randomUUID() + "/gadgets/" + UUID.randomUUID();

        Gadget gadget = client.get(path, Gadget.class);

        SpanData serverSpan = awaitSpan("GET /users/{user_id}/gadgets/{match_id}");
        SpanData clientSpan = awaitSpan("GET gadgets");
        assertThat(clientSpan.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(clientSpan.getAttributes().get(SpanAttributes.PEER_SERVICE)).isEqualTo("gadgets");
        assertThat(clientSpan.getAttributes().get(SpanAttributes.URL_FULL)).isEqualTo(server.url() + path);
        assertThat(clientSpan.getAttributes().get(SpanAttributes.HTTP_RESPONSE_STATUS_CODE))
                .isEqualTo(200L);
        assertThat(serverSpan.getTraceId()).isEqualTo(clientSpan.getTraceId()).isEqualTo(gadget.traceId());
        assertThat(serverSpan.getParentSpanId()).isEqualTo(clientSpan.getSpanId());
    }

    @Test
    void aNotFoundAnswerToAClientIsNoErrorButAnUnreachableServiceIs() {
        JsonHttpClient reachable = JsonHttpClient.create("gadgets", server.url(), Duration.ofSeconds(5))
                .withOpenTelemetry(telemetry.openTelemetry());
        JsonHttpClient unreachable = JsonHttpClient.create(
                        "nothing", "http://127.0.0.1:" + FreePorts.unused(), Duration.ofSeconds(5))
                .withOpenTelemetry(telemetry.openTelemetry());

        Optional<Gadget> absent = reachable.find("/nowhere", Gadget.class);
        assertThatThrownBy(() -> unreachable.get("/gadgets", Gadget.class)).isInstanceOf(ServiceCallException.class);

        assertThat(absent).isEmpty();
        assertThat(awaitSpan("GET gadgets").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        SpanData failed = awaitSpan("GET nothing");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getStatus().getDescription()).startsWith("nothing is unreachable");
    }

    private SpanData awaitSpan(String name) {
        return await("a span named " + name)
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> spans.stream()
                                .filter(span -> span.getName().equals(name))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
