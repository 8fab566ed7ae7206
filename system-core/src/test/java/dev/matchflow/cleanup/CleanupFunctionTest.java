package dev.matchflow.cleanup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.matchflow.cleanup.MessagePublishedEvents.cloudEvent;
import static dev.matchflow.events.EventFixtures.EVENT_ID;
import static dev.matchflow.events.EventFixtures.POOL_ID;
import static dev.matchflow.events.EventFixtures.USER_ID;
import static dev.matchflow.events.EventFixtures.matchingAttributes;
import static dev.matchflow.events.EventFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CleanupFunctionTest {

    static final String CLEANUP_PATH = "/matches/internal/cleanup/user/" + USER_ID + "/pool/" + POOL_ID;
    static final String TOKEN = "test-internal-token";

    private static final String COUNTS =
            "{\"matches_deleted\":3,\"decisions_deleted\":4,\"accepted_kept\":1,\"duplicate\":false}";

    @RegisterExtension
    static final WireMockExtension MATCHES = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void eventIsCleanedUpThroughMatchesWithTheTokenEventIdAndLeftAt() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson(COUNTS)));

        function().accept(currentEvent());

        MATCHES.verify(deleteRequestedFor(urlPathEqualTo(CLEANUP_PATH))
                .withQueryParam("event_id", equalTo(EVENT_ID.toString()))
                .withQueryParam("left_at", equalTo("2025-12-05T10:30:00Z"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void deletedAndKeptCountsAreAddedToTheMetrics() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson(COUNTS)));

        function().accept(currentEvent());

        assertThat(registry.get("cleanup.matches.deleted").counter().count()).isEqualTo(3);
        assertThat(registry.get("cleanup.decisions.deleted").counter().count()).isEqualTo(4);
        assertThat(registry.get("cleanup.accepted.kept").counter().count()).isEqualTo(1);
        assertThat(durationCount("cleaned")).isEqualTo(1);
    }

    @Test
    void duplicateIsAcknowledgedWithoutCountingItsDeletionsAgain() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH))
                .willReturn(okJson(COUNTS.replace("\"duplicate\":false", "\"duplicate\":true"))));

        function().accept(currentEvent());

        assertThat(registry.get("cleanup.matches.deleted").counter().count()).isZero();
        assertThat(durationCount("duplicate")).isEqualTo(1);
    }

    @Test
    void eventFromAnOlderProducerCleansUpRegardlessOfCreationTime() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson(COUNTS)));

        function().accept(cloudEvent(payload("user-left-pool-legacy.json"), Map.of()));

        MATCHES.verify(deleteRequestedFor(urlPathEqualTo(CLEANUP_PATH)).withQueryParam("left_at", absent()));
    }

    @Test
    void invalidEventIsAcknowledgedWithItsReasonAndNeverReachesMatches() throws Exception {
        CloudEvent notJson = cloudEvent("user 2222 left".getBytes(StandardCharsets.UTF_8), Map.of());

        function().accept(notJson);

        MATCHES.verify(0, anyRequestedFor(anyUrl()));
        assertThat(rejected("not_json")).isEqualTo(1);
    }

    @Test
    void cloudEventOfAnotherTypeIsRejectedAsAnInvalidEnvelope() throws Exception {
        CloudEvent storageEvent = cloudEvent("google.cloud.storage.object.v1.finalized", new byte[] {'{', '}'});

        function().accept(storageEvent);

        MATCHES.verify(0, anyRequestedFor(anyUrl()));
        assertThat(rejected("invalid_envelope")).isEqualTo(1);
    }

    @Test
    void matchesRefusingTheIdsIsAcknowledgedAsRejected() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"invalid_id\",\"message\":\"bad\"}}")));

        function().accept(currentEvent());

        assertThat(rejected("matches_bad_request")).isEqualTo(1);
        assertThat(durationCount("rejected")).isEqualTo(1);
    }

    @Test
    void poolUnknownToMatchesIsAcknowledgedAsRejected() throws Exception {
        MATCHES.stubFor(
                delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(aResponse().withStatus(404)));

        function().accept(currentEvent());

        assertThat(rejected("matches_not_found")).isEqualTo(1);
    }

    @Test
    void matchesUnavailableFailsTheInvocationSoItIsRetried() {
        MATCHES.stubFor(
                delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(aResponse().withStatus(503)));
        CleanupFunction function = function();

        assertThatThrownBy(() -> function.accept(currentEvent()))
                .isInstanceOfSatisfying(
                        CleanupFailedException.class,
                        e -> assertThat(e.failureCause()).isEqualTo(FailureCause.UNAVAILABLE))
                .hasMessageContaining(EVENT_ID.toString());
        assertThat(errors("unavailable")).isEqualTo(1);
        assertThat(durationCount("failed")).isEqualTo(1);
    }

    @Test
    void matchesTooSlowFailsTheInvocationAsATimeout() {
        MATCHES.stubFor(
                delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson(COUNTS).withFixedDelay(3_000)));
        CleanupFunction function = function(URI.create(MATCHES.baseUrl()), Duration.ofMillis(300));

        assertThatThrownBy(() -> function.accept(currentEvent()))
                .isInstanceOfSatisfying(
                        CleanupFailedException.class,
                        e -> assertThat(e.failureCause()).isEqualTo(FailureCause.TIMEOUT));
    }

    @Test
    void matchesDownFailsTheInvocationAsUnreachable() {
        CleanupFunction function = function(URI.create("http://127.0.0.1:" + LoopbackPorts.unused()));

        assertThatThrownBy(() -> function.accept(currentEvent()))
                .isInstanceOfSatisfying(
                        CleanupFailedException.class,
                        e -> assertThat(e.failureCause()).isEqualTo(FailureCause.UNREACHABLE));
        assertThat(errors("unreachable")).isEqualTo(1);
    }

    @Test
    void refusedTokenFailsTheInvocationSoNothingIsLostWhileMisconfigured() {
        MATCHES.stubFor(
                delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(aResponse().withStatus(401)));
        CleanupFunction function = function();

        assertThatThrownBy(() -> function.accept(currentEvent()))
                .isInstanceOfSatisfying(
                        CleanupFailedException.class,
                        e -> assertThat(e.failureCause()).isEqualTo(FailureCause.UNAUTHORIZED))
                .hasMessageContaining("INTERNAL_TOKEN");
    }

    @Test
    void unreadableSuccessFailsTheInvocationSoTheRecordedCountsAreAskedForAgain() {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson("{\"deleted\":true}")));
        CleanupFunction function = function();

        assertThatThrownBy(() -> function.accept(currentEvent()))
                .isInstanceOfSatisfying(
                        CleanupFailedException.class,
                        e -> assertThat(e.failureCause()).isEqualTo(FailureCause.UNEXPECTED_ANSWER));
    }

    @Test
    void everyInvocationIsCountedWhateverItsOutcome() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson(COUNTS)));
        CleanupFunction function = function();

        function.accept(currentEvent());
        function.accept(cloudEvent(new byte[0], Map.of()));

        assertThat(registry.get("cleanup.function.invocations").counter().count())
                .isEqualTo(2);
    }

    static CloudEvent currentEvent() {
        return cloudEvent(payload("pool-member-removed.json"), matchingAttributes());
    }

    private CleanupFunction function() {
        return function(URI.create(MATCHES.baseUrl()));
    }

    private CleanupFunction function(URI matchesUrl) {
        return function(matchesUrl, CleanupSettings.DEFAULT_REQUEST_TIMEOUT);
    }

    private CleanupFunction function(URI matchesUrl, Duration requestTimeout) {
        CleanupSettings settings = new CleanupSettings(
                matchesUrl,
                new SharedSecretTokenSource(TOKEN),
                CleanupSettings.DEFAULT_CONNECT_TIMEOUT,
                requestTimeout);
        return new CleanupFunction(settings, registry);
    }

    private double rejected(String reason) {
        return registry.get("cleanup.events.rejected")
                .tag("reason", reason)
                .counter()
                .count();
    }

    private double errors(String cause) {
        return registry.get("cleanup.function.errors")
                .tag("cause", cause)
                .counter()
                .count();
    }

    private long durationCount(String outcome) {
        return registry.get("cleanup.function.duration")
                .tag("outcome", outcome)
                .timer()
                .count();
    }
}
