package dev.matchflow.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {

    private static final long SMALL_LIMIT = 1_024;

    private ApiServer server;

    record Gadget(String name, Instant madeAt, UUID ownerId) {}

    @BeforeEach
    void startServer() {
        HttpSettings settings = HttpSettings.loopback().withMaxBodyBytes(SMALL_LIMIT);
        server = ApiServer.start("gadgets", settings, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), app -> {
            app.get("/gadgets/{gadget_id}", ctx -> ctx.json(Map.of("id", Requests.pathUuid(ctx, "gadget_id"))));
            app.post("/gadgets", ctx -> {
                Gadget gadget = Requests.body(ctx, Gadget.class);
                Requests.required(gadget.name(), "name");
                ctx.status(201).json(gadget);
            });
            app.get("/boom", ctx -> {
                throw new IllegalStateException("secret internals");
            });
        });
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void healthzAnswersOkWithTheServiceName() {
        TestHttp.Answer answer = TestHttp.get(server.url() + "/healthz");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("service").asText()).isEqualTo("gadgets");
    }

    @Test
    void listensOnLoopbackOnAFreePort() {
        assertThat(server.url()).startsWith("http://127.0.0.1:");
        assertThat(server.port()).isPositive();
    }

    @Test
    void aPortInUseIsRefusedSayingWhatToDo() {
        HttpSettings samePort = HttpSettings.loopback().withPort(server.port());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        assertThatThrownBy(() -> ApiServer.start("second", samePort, registry, app -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("second cannot listen on 127.0.0.1:" + server.port())
                .hasMessageEndingWith("free the port or choose another with PORT (0 picks a free one)");
    }

    @Test
    void metricsAreServedAsPrometheusTextWithJvmAndRequestMetrics() {
        TestHttp.get(server.url() + "/gadgets/" + UUID.randomUUID());

        TestHttp.Answer answer = TestHttp.get(server.url() + "/metrics");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().get("content-type")).startsWith("text/plain");
        assertThat(answer.body())
                .contains("jvm_memory_used_bytes")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/gadgets/{gadget_id}\"");
    }

    @Test
    void anIdThatIsNotAUuidIsRefusedNamingTheParameterAndTheValue() {
        TestHttp.Answer answer = TestHttp.get(server.url() + "/gadgets/abc");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("invalid_id");
        assertThat(answer.errorMessage()).isEqualTo("gadget_id 'abc' is not a UUID");
    }

    @Test
    void bodiesAreReadAndWrittenInSnakeCaseWithRfc3339UtcTimes() {
        String body = "{\"name\":\"lamp\",\"made_at\":\"2025-12-05T10:30:00.123456Z\","
                + "\"owner_id\":\"22222222-2222-4222-8222-222222222222\"}";

        TestHttp.Answer answer = TestHttp.post(server.url() + "/gadgets", body);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().path("made_at").asText()).isEqualTo("2025-12-05T10:30:00.123456Z");
        assertThat(answer.json().path("owner_id").asText()).isEqualTo("22222222-2222-4222-8222-222222222222");
    }

    @Test
    void malformedJsonIsRefusedAsAnInvalidBody() {
        TestHttp.Answer answer = TestHttp.post(server.url() + "/gadgets", "{\"name\": ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("invalid_body");
        assertThat(answer.errorMessage()).startsWith("the body is not valid JSON");
    }

    @Test
    void aMissingRequiredFieldIsRefusedNamingTheField() {
        TestHttp.Answer answer = TestHttp.post(server.url() + "/gadgets", "{}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorMessage()).isEqualTo("field 'name' is required");
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedWith413() {
        String large = "{\"name\":\"" + "x".repeat((int) SMALL_LIMIT) + "\"}";

        TestHttp.Answer answer = TestHttp.post(server.url() + "/gadgets", large);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.errorCode()).isEqualTo("body_too_large");
    }

    @Test
    void aChunkedBodyLargerThanTheLimitIsRefusedWith413() {
        byte[] large = ("{\"name\":\"" + "x".repeat((int) SMALL_LIMIT) + "\"}").getBytes();
        var chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large));

        TestHttp.Answer answer = TestHttp.send("POST", server.url() + "/gadgets", chunked, Map.of());

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.errorCode()).isEqualTo("body_too_large");
    }

    @Test
    void anUnknownEndpointAnswers404InTheErrorForm() {
        TestHttp.Answer answer = TestHttp.get(server.url() + "/nothing-here");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo("not_found");
        assertThat(answer.errorMessage()).isEqualTo("no endpoint GET /nothing-here");
    }

    @Test
    void aPathTheServerRefusesItselfAnswers400InTheErrorForm() {
        TestHttp.Answer answer = TestHttp.get(server.url() + "/gadgets/..%2F..%2Fetc%2Fpasswd");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers().get("Content-Type")).startsWith("application/json");
        assertThat(answer.errorCode()).isEqualTo("invalid_request");
        assertThat(answer.errorMessage()).startsWith("the server refused the request before any endpoint saw it: ");
    }

    @Test
    void anUnexpectedFailureAnswers500WithoutItsDetails() {
        TestHttp.Answer answer = TestHttp.get(server.url() + "/boom");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.errorCode()).isEqualTo("internal");
        assertThat(answer.body()).doesNotContain("secret internals").doesNotContain("IllegalStateException");
    }
}
