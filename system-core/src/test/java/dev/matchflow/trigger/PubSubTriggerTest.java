package dev.matchflow.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.matchflow.events.EventFixtures.EVENT_ID;
import static dev.matchflow.events.EventFixtures.POOL_ID;
import static dev.matchflow.events.EventFixtures.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.cleanup.CleanupFunction;
import dev.matchflow.cleanup.CleanupSettings;
import dev.matchflow.cleanup.FunctionHost;
import dev.matchflow.cleanup.LoopbackPorts;
import dev.matchflow.cleanup.SharedSecretTokenSource;
import dev.matchflow.events.EventCodec;
import dev.matchflow.events.PoolMemberRemoved;
import dev.matchflow.observability.SpanAttributes;
import dev.matchflow.observability.Telemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trigger end to end: Google's emulator, the trigger, the function in its host, and Matches simulated; trigger
 * and function traced by one in-process telemetry.
 */
class PubSubTriggerTest {

    private static final String CLEANUP_PATH = "/matches/internal/cleanup/user/" + USER_ID + "/pool/" + POOL_ID;
    private static final String COUNTS =
            "{\"matches_deleted\":2,\"decisions_deleted\":3,\"accepted_kept\":1,\"duplicate\":false}";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static final WireMockExtension MATCHES = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    private static GoogleEmulatorForTests emulator;

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Telemetry telemetry = Telemetry.inProcess("matchflow");
    private final List<SpanData> spans = new CopyOnWriteArrayList<>();
    private final String topic = "user_left_pool-" + UUID.randomUUID();
    private final String subscription = "match-cleanup-handler-" + UUID.randomUUID();
    private FunctionHost functionHost;
    private PubSubTrigger trigger;

    @BeforeAll
    static void startEmulator() throws Exception {
        assumeTrue(GoogleEmulatorForTests.isInstalled(), "Google's Pub/Sub emulator is not installed here");
        emulator = GoogleEmulatorForTests.start();
    }

    @AfterAll
    static void stopEmulator() throws Exception {
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void createTopology() throws Exception {
        emulator.createTopicAndSubscription(topic, subscription);
        telemetry.spans().subscribe(spans::add);
    }

    @AfterEach
    void stopTriggerAndFunction() {
        if (trigger != null) {
            trigger.close();
        }
        if (functionHost != null) {
            functionHost.close();
        }
        telemetry.close();
    }

    @Test
    void publishedEventIsCleanedUpAndAcknowledged() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson(COUNTS)));
        startTrigger(startFunction());

        String messageId = emulator.publish(topic, currentEvent());

        await().atMost(PATIENCE).until(() -> outcomesOf(messageId).contains(Delivery.Outcome.ACKED));
        MATCHES.verify(
                moreThanOrExactly(1),
                deleteRequestedFor(urlPathEqualTo(CLEANUP_PATH))
                        .withQueryParam("event_id", equalTo(EVENT_ID.toString())));
        assertThat(deliveriesOf(messageId).get(0).status()).isEqualTo(OptionalInt.of(204));
    }

    @Test
    void aTracedMessageIsFollowedThroughTheTriggerAndTheFunctionToMatches() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson(COUNTS)));
        startTrigger(startFunction());
        Span publish = telemetry.tracer("test").spanBuilder("publish").startSpan();
        PubsubMessage traced = currentEvent().toBuilder()
                .putAllAttributes(Telemetry.traceAttributes(Context.root().with(publish)))
                .build();
        publish.end();

        String messageId = emulator.publish(topic, traced);

        await().atMost(PATIENCE).until(() -> outcomesOf(messageId).contains(Delivery.Outcome.ACKED));
        SpanData delivery = awaitSpan("deliver " + subscription);
        SpanData invocation = awaitSpan("cleanup");
        String traceId = publish.getSpanContext().getTraceId();
        assertThat(delivery.getTraceId()).isEqualTo(traceId);
        assertThat(delivery.getParentSpanId())
                .isEqualTo(publish.getSpanContext().getSpanId());
        assertThat(delivery.getAttributes().asMap())
                .containsEntry(SpanAttributes.MESSAGING_MESSAGE_ID, messageId)
                .containsEntry(SpanAttributes.OUTCOME, "acked")
                .containsEntry(SpanAttributes.HTTP_RESPONSE_STATUS_CODE, 204L);
        assertThat(invocation.getParentSpanId()).isEqualTo(delivery.getSpanId());
        assertThat(invocation.getAttributes().get(SpanAttributes.EVENT_ID)).isEqualTo(EVENT_ID.toString());
        List<String> traceparentsMatchesReceived =
                MATCHES.findAll(deleteRequestedFor(urlPathEqualTo(CLEANUP_PATH))).stream()
                        .map(request -> request.getHeader("traceparent"))
                        .collect(Collectors.toList());
        assertThat(traceparentsMatchesReceived).first().isEqualTo(traceparentOf(invocation));
        assertThat(traceparentsMatchesReceived)
                .allSatisfy(traceparent -> assertThat(traceparent).startsWith("00-" + traceId + "-"));
    }

    @Test
    void aNackedDeliveryIsAnErrorSpan() throws Exception {
        startTrigger(URI.create("http://127.0.0.1:" + LoopbackPorts.unused() + "/"));

        String messageId = emulator.publish(topic, currentEvent());

        SpanData delivery = awaitSpan("deliver " + subscription);
        assertThat(delivery.getAttributes().asMap())
                .containsEntry(SpanAttributes.MESSAGING_MESSAGE_ID, messageId)
                .containsEntry(SpanAttributes.OUTCOME, "nacked");
        assertThat(delivery.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(delivery.getStatus().getDescription()).startsWith("no answer");
    }

    @Test
    void deliveryThatMatchesFailsIsRedeliveredUntilItSucceeds() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH))
                .inScenario("recovering Matches")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH))
                .inScenario("recovering Matches")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson(COUNTS)));
        startTrigger(startFunction());

        String messageId = emulator.publish(topic, currentEvent());

        await().atMost(PATIENCE).until(() -> outcomesOf(messageId).contains(Delivery.Outcome.ACKED));
        assertThat(outcomesOf(messageId)).startsWith(Delivery.Outcome.NACKED, Delivery.Outcome.ACKED);
        assertThat(deliveriesOf(messageId).get(0).status()).isEqualTo(OptionalInt.of(500));
    }

    @Test
    void messageThatIsNotAnEventIsAcknowledgedWithoutCleanup() throws Exception {
        startTrigger(startFunction());
        PubsubMessage poison = PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom("user 2222 left pool 1111", StandardCharsets.UTF_8))
                .build();

        String messageId = emulator.publish(topic, poison);

        await().atMost(PATIENCE).until(() -> outcomesOf(messageId).contains(Delivery.Outcome.ACKED));
        MATCHES.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void deliveryToAFunctionThatIsDownIsNackedWithoutStatus() throws Exception {
        startTrigger(URI.create("http://127.0.0.1:" + LoopbackPorts.unused() + "/"));

        String messageId = emulator.publish(topic, currentEvent());

        await().atMost(PATIENCE).until(() -> !deliveriesOf(messageId).isEmpty());
        Delivery first = deliveriesOf(messageId).get(0);
        assertThat(first.outcome()).isEqualTo(Delivery.Outcome.NACKED);
        assertThat(first.status()).isEmpty();
        assertThat(first.failure())
                .hasValueSatisfying(failure -> assertThat(failure).startsWith("no answer"));
    }

    @Test
    void deliveriesInFlightNeverExceedTheLimit() throws Exception {
        BlockingFunction function = new BlockingFunction();
        functionHost = new FunctionHost(function, 8);
        URI functionUrl = functionHost.start("127.0.0.1", 0).url();
        startTrigger(functionUrl, 2);

        for (int i = 0; i < 4; i++) {
            emulator.publish(
                    topic,
                    PubsubMessage.newBuilder()
                            .setData(ByteString.copyFromUtf8("m" + i))
                            .build());
        }
        await().atMost(PATIENCE).until(() -> function.running() == 2);
        await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> function.running() == 2);
        function.release();

        await().atMost(PATIENCE).until(() -> acknowledged() == 4);
        assertThat(function.mostAtOnce()).isEqualTo(2);
    }

    private URI startFunction() {
        CleanupSettings settings =
                new CleanupSettings(URI.create(MATCHES.baseUrl()), new SharedSecretTokenSource("trigger-test-token"));
        functionHost =
                new FunctionHost(new CleanupFunction(settings, new SimpleMeterRegistry(), telemetry.openTelemetry()));
        return functionHost.start("127.0.0.1", 0).url();
    }

    private void startTrigger(URI functionUrl) {
        startTrigger(functionUrl, 4);
    }

    private void startTrigger(URI functionUrl, int maxConcurrentDeliveries) {
        TriggerSettings settings = new TriggerSettings(
                GoogleEmulatorForTests.PROJECT,
                topic,
                subscription,
                functionUrl,
                maxConcurrentDeliveries,
                Duration.ofSeconds(10));
        trigger = new PubSubTrigger(settings, emulator::subscriber, telemetry.openTelemetry())
                .addListener(deliveries::add);
        trigger.start();
    }

    private static PubsubMessage currentEvent() {
        PoolMemberRemoved event =
                new PoolMemberRemoved(EVENT_ID, POOL_ID, USER_ID, Instant.parse("2025-12-05T10:30:00Z"));
        return EventCodec.encode(event).toPubsubMessage();
    }

    private static String traceparentOf(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getSpanContext().getTraceFlags().asHex();
    }

    private SpanData awaitSpan(String name) {
        return await("a span named " + name)
                .atMost(PATIENCE)
                .until(
                        () -> spans.stream()
                                .filter(span -> span.getName().equals(name))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private List<Delivery> deliveriesOf(String messageId) {
        return deliveries.stream()
                .filter(delivery -> delivery.messageId().equals(messageId))
                .collect(Collectors.toList());
    }

    private long acknowledged() {
        return deliveries.stream()
                .filter(delivery -> delivery.outcome() == Delivery.Outcome.ACKED)
                .count();
    }

    private List<Delivery.Outcome> outcomesOf(String messageId) {
        return deliveriesOf(messageId).stream().map(Delivery::outcome).collect(Collectors.toList());
    }
}
