package dev.matchflow.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryTest {

    private final Telemetry telemetry = Telemetry.inProcess("test-service");
    private final List<SpanData> ended = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        telemetry.close();
    }

    @Test
    void endedSpansReachTheFeed() {
        telemetry.spans().subscribe(ended::add);

        telemetry.tracer("pools").spanBuilder("leave").startSpan().end();

        assertThat(ended).extracting(SpanData::getName).containsExactly("leave");
    }

    @Test
    void aSpanContinuedFromMessageAttributesJoinsTheSameTrace() {
        telemetry.spans().subscribe(ended::add);
        Span publish = telemetry.tracer("usermatch").spanBuilder("publish").startSpan();
        Map<String, String> attributes;
        try (Scope ignored = publish.makeCurrent()) {
            attributes = Telemetry.traceAttributes(Context.current());
        }
        publish.end();

        Span cleanup = telemetry
                .tracer("cleanup")
                .spanBuilder("cleanup")
                .setParent(Telemetry.contextFromAttributes(attributes))
                .startSpan();
        cleanup.end();

        assertThat(attributes).containsKey(Telemetry.MESSAGE_TRACEPARENT);
        assertThat(ended)
                .extracting(SpanData::getTraceId)
                .containsOnly(publish.getSpanContext().getTraceId());
        assertThat(ended.get(1).getParentSpanId())
                .isEqualTo(publish.getSpanContext().getSpanId());
    }

    @Test
    void headersAreReadWhateverTheirCase() {
        Span span = telemetry.tracer("http").spanBuilder("call").startSpan();
        String traceparent = Telemetry.traceHeaders(Context.root().with(span)).get("traceparent");

        Context extracted = Telemetry.contextFromHeaders(Map.of("Traceparent", traceparent));

        assertThat(Span.fromContext(extracted).getSpanContext().getTraceId())
                .isEqualTo(span.getSpanContext().getTraceId());
    }

    @Test
    void aMalformedTraceparentStartsNoTrace() {
        Context extracted = Telemetry.contextFromAttributes(Map.of(Telemetry.MESSAGE_TRACEPARENT, "not-a-traceparent"));

        assertThat(Span.fromContext(extracted).getSpanContext().isValid()).isFalse();
    }

    @Test
    void anObserverThatThrowsDoesNotStopTheOthers() {
        telemetry.spans().subscribe(span -> {
            throw new IllegalStateException("observer failure");
        });
        telemetry.spans().subscribe(ended::add);

        telemetry.tracer("pools").spanBuilder("join").startSpan().end();

        assertThat(ended).hasSize(1);
    }
}
