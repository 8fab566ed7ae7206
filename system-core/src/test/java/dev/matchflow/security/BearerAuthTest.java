package dev.matchflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.matchflow.http.ApiServer;
import dev.matchflow.http.HttpSettings;
import dev.matchflow.http.JsonHttpClient;
import dev.matchflow.http.TestHttp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BearerAuthTest {

    private final String secret = SharedSecretVerifier.randomSecret();
    private ApiServer server;

    @BeforeEach
    void startServer() {
        InternalTokenVerifier verifier = new SharedSecretVerifier(secret);
        server = ApiServer.start(
                "vault", HttpSettings.loopback(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), app -> {
                    app.before("/internal/*", BearerAuth.require(verifier));
                    app.delete("/internal/things", ctx -> ctx.json(Map.of("deleted", 1)));
                    app.get("/public", ctx -> ctx.json(Map.of("open", true)));
                });
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void theRightTokenIsLetThrough() {
        TestHttp.Answer answer =
                TestHttp.delete(server.url() + "/internal/things", Map.of("Authorization", "Bearer " + secret));

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void theJsonClientSendsItsBearerToken() {
        JsonHttpClient client = JsonHttpClient.create("vault", server.url(), Duration.ofSeconds(5))
                .withBearerToken(secret);

        JsonNode answer = client.delete("/internal/things", JsonNode.class);

        assertThat(answer.path("deleted").asInt()).isEqualTo(1);
    }

    @Test
    void aMissingTokenIsUnauthenticated() {
        TestHttp.Answer answer = TestHttp.delete(server.url() + "/internal/things");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.errorCode()).isEqualTo("unauthenticated");
    }

    @Test
    void aHeaderThatIsNotABearerTokenIsUnauthenticated() {
        TestHttp.Answer answer =
                TestHttp.delete(server.url() + "/internal/things", Map.of("Authorization", "Basic " + secret));

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void aWrongTokenIsForbidden() {
        TestHttp.Answer answer =
                TestHttp.delete(server.url() + "/internal/things", Map.of("Authorization", "Bearer guess"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo("forbidden");
    }

    @Test
    void publicEndpointsNeedNoToken() {
        assertThat(TestHttp.get(server.url() + "/public").status()).isEqualTo(200);
    }

    @Test
    void theVerifierRefusesTokensThatOnlyShareAPrefixWithTheSecret() {
        SharedSecretVerifier verifier = new SharedSecretVerifier("abcdef");

        assertThat(verifier.accepts("abcdef")).isTrue();
        assertThat(verifier.accepts("abc")).isFalse();
        assertThat(verifier.accepts("abcdefg")).isFalse();
        assertThat(verifier.accepts(null)).isFalse();
    }
}
