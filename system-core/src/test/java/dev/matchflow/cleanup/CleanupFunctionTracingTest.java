package dev.matchflow.cleanup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.matchflow.cleanup.CleanupFunctionTest.CLEANUP_PATH;
import static dev.matchflow.cleanup.CleanupFunctionTest.TOKEN;
import static dev.matchflow.cleanup.MessagePublishedEvents.cloudEvent;
import static dev.matchflow.events.EventFixtures.EVENT_ID;
import static dev.matchflow.events.EventFixtures.POOL_ID;
import static dev.matchflow.events.EventFixtures.USER_ID;
import static dev.matchflow.events.EventFixtures.matchingAttributes;
import static dev.matchflow.events.EventFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.matchflow.observability.LogFields;
import dev.matchflow.observability.SpanAttributes;
import dev.matchflow.observability.Telemetry;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The function's span per invocation, called directly with an in-process telemetry. */
class CleanupFunctionTracingTest {

    private static final String COUNTS =
            "{\"matches_deleted\":3,\"decisions_deleted\":4,\"accepted_kept\":1,\"duplicate\":false}";
    private static final String EVENT_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String EVENT_SPAN_ID = "00f067aa0ba902b7";
    private static final String MESSAGE_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String MESSAGE_SPAN_ID = "b7ad6b7169203331";

    @RegisterExtension
    static final WireMockExtension MATCHES = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    private final Telemetry telemetry = Telemetry.inProcess("cleanup-function");
    private final List<SpanData> spans = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
    private final Logger functionLog = (Logger) LoggerFactory.getLogger(CleanupFunction.class);

    @BeforeEach
    void collectSpansAndLogLines() {
        telemetry.spans().subscribe(spans::add);
        logLines.start();
        functionLog.addAppender(logLines);
    }

    @AfterEach
    void stopCollecting() {
        functionLog.detachAppender(logLines);
        telemetry.close();
    }

    @Test
    void anInvocationContinuesTheTraceOfTheCloudEventsTraceparentExtension() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson(COUNTS)));
        CloudEvent event = cloudEvent(
                payload("pool-member-removed.json"),
                attributesWithTraceparent(),
                Map.of("traceparent", traceparent(EVENT_TRACE_ID, EVENT_SPAN_ID)));

        function().accept(event);

        SpanData invocation = onlySpan();
        assertThat(invocation.getName()).isEqualTo(CleanupFunction.INVOCATION_SPAN);
        assertThat(invocation.getTraceId()).isEqualTo(EVENT_TRACE_ID);
        assertThat(invocation.getParentSpanId()).isEqualTo(EVENT_SPAN_ID);
        assertThat(traceparentMatchesReceived()).isEqualTo(traceparent(EVENT_TRACE_ID, invocation.getSpanId()));
    }

    @Test
    void withoutTheExtensionTheMessagesTraceparentAttributeIsTheParent() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson(COUNTS)));
        CloudEvent event = cloudEvent(payload("pool-member-removed.json"), attributesWithTraceparent(), Map.of());

        function().accept(event);

        SpanData invocation = onlySpan();
        assertThat(invocation.getTraceId()).isEqualTo(MESSAGE_TRACE_ID);
        assertThat(invocation.getParentSpanId()).isEqualTo(MESSAGE_SPAN_ID);
        assertThat(traceparentMatchesReceived()).isEqualTo(traceparent(MESSAGE_TRACE_ID, invocation.getSpanId()));
    }

    @Test
    void aCleanedEventsSpanCarriesItsIdsOutcomeAndCounts() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson(COUNTS)));

        function().accept(CleanupFunctionTest.currentEvent());

        SpanData invocation = onlySpan();
        assertThat(invocation.getAttributes().asMap())
                .containsEntry(SpanAttributes.EVENT_ID, EVENT_ID.toString())
                .containsEntry(SpanAttributes.MESSAGING_MESSAGE_ID, MessagePublishedEvents.MESSAGE_ID)
                .containsEntry(SpanAttributes.USER_ID, USER_ID.toString())
                .containsEntry(SpanAttributes.POOL_ID, POOL_ID.toString())
                .containsEntry(SpanAttributes.OUTCOME, "cleaned")
                .containsEntry(SpanAttributes.MATCHES_DELETED, 3L)
                .containsEntry(SpanAttributes.DECISIONS_DELETED, 4L)
                .containsEntry(SpanAttributes.ACCEPTED_KEPT, 1L)
                .containsEntry(SpanAttributes.DUPLICATE, false);
        assertThat(invocation.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aRejectedEventsSpanSaysWhy() throws Exception {
        CloudEvent notJson = cloudEvent("user 2222 left".getBytes(StandardCharsets.UTF_8), Map.of(), Map.of());

        function().accept(notJson);

        assertThat(onlySpan().getAttributes().asMap())
                .containsEntry(SpanAttributes.OUTCOME, "rejected")
                .containsEntry(SpanAttributes.REJECTION_REASON, "not_json");
    }

    @Test
    void anInvocationThatWillBeRetriedIsAnErrorSpanWithItsCause() {
        MATCHES.stubFor(
                delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(aResponse().withStatus(503)));
        CleanupFunction function = function();

        assertThatThrownBy(() -> function.accept(CleanupFunctionTest.currentEvent()))
                .isInstanceOf(CleanupFailedException.class);

        SpanData invocation = onlySpan();
        assertThat(invocation.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(invocation.getStatus().getDescription()).contains("Matches answered 503");
        assertThat(invocation.getAttributes().asMap())
                .containsEntry(SpanAttributes.OUTCOME, "failed")
                .containsEntry(SpanAttributes.FAILURE_CAUSE, "unavailable");
    }

    @Test
    void logLinesOfAnInvocationCarryItsTraceEventAndMessageIdsUntilItEnds() throws Exception {
        MATCHES.stubFor(delete(urlPathEqualTo(CLEANUP_PATH)).willReturn(okJson(COUNTS)));

        function().accept(CleanupFunctionTest.currentEvent());

        ILoggingEvent done = logLines.list.stream()
                .filter(line -> line.getFormattedMessage().startsWith("cleanup done"))
                .findFirst()
                .orElseThrow();
        assertThat(done.getMDCPropertyMap())
                .containsEntry(LogFields.EVENT_ID, EVENT_ID.toString())
                .containsEntry(LogFields.MESSAGE_ID, MessagePublishedEvents.MESSAGE_ID)
                .containsEntry(LogFields.TRACE_ID, onlySpan().getTraceId());
        assertThat(MDC.get(LogFields.EVENT_ID)).isNull();
        assertThat(MDC.get(LogFields.MESSAGE_ID)).isNull();
        assertThat(MDC.get(LogFields.TRACE_ID)).isNull();
    }

    private CleanupFunction function() {
        CleanupSettings settings =
                new CleanupSettings(URI.create(MATCHES.baseUrl()), new SharedSecretTokenSource(TOKEN));
        return new CleanupFunction(settings, new SimpleMeterRegistry(), telemetry.openTelemetry());
    }

    private SpanData onlySpan() {
        assertThat(spans).hasSize(1);
        return spans.get(0);
    }

    private static String traceparentMatchesReceived() {
        return MATCHES.findAll(deleteRequestedFor(urlPathEqualTo(CLEANUP_PATH)))
                .get(0)
                .getHeader("traceparent");
    }

    private static Map<String, String> attributesWithTraceparent() {
        Map<String, String> attributes = new HashMap<>(matchingAttributes());
        attributes.put(Telemetry.MESSAGE_TRACEPARENT, traceparent(MESSAGE_TRACE_ID, MESSAGE_SPAN_ID));
        return attributes;
    }

    private static String traceparent(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }
}
