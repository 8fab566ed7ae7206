package dev.matchflow.cleanup;

import dev.matchflow.events.PoolMemberRemoved;
import dev.matchflow.observability.LogFields;
import dev.matchflow.observability.SpanAttributes;
import dev.matchflow.observability.Telemetry;
import io.cloudevents.CloudEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The cleanup function's span per invocation. Its parent is the context in the CloudEvent's {@code traceparent}
 * extension (the CloudEvents distributed tracing extension, which the trigger and Eventarc set), else the one in the
 * Pub/Sub message's {@value Telemetry#MESSAGE_TRACEPARENT} attribute. What the function learns on the way (the
 * event's ids, the counts, why it rejected or failed) goes onto the current span; the trace, message and event ids
 * go into the MDC until the invocation ends.
 */
final class InvocationTracing {

    private static final AttributeKey<String> FAAS_TRIGGER = AttributeKey.stringKey("faas.trigger");
    private static final TextMapGetter<CloudEvent> EXTENSIONS = new CloudEventExtensions();

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    InvocationTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.matchflow.cleanup");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Starts the span of the invocation for {@code cloudEvent}, around the message with these attributes. */
    Span start(CloudEvent cloudEvent, Map<String, String> messageAttributes, String messageId) {
        Span span = tracer.spanBuilder(CleanupFunction.INVOCATION_SPAN)
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parentOf(cloudEvent, messageAttributes))
                .setAttribute(FAAS_TRIGGER, "pubsub")
                .setAttribute(SpanAttributes.CLOUDEVENTS_EVENT_ID, cloudEvent.getId())
                .setAttribute(SpanAttributes.CLOUDEVENTS_EVENT_TYPE, cloudEvent.getType())
                .setAttribute(SpanAttributes.MESSAGING_MESSAGE_ID, messageId)
                .startSpan();
        MDC.put(LogFields.MESSAGE_ID, messageId);
        if (span.getSpanContext().isValid()) {
            MDC.put(LogFields.TRACE_ID, span.getSpanContext().getTraceId());
        }
        return span;
    }

    static void decoded(PoolMemberRemoved event) {
        MDC.put(LogFields.EVENT_ID, event.eventId().toString());
        Span.current()
                .setAttribute(SpanAttributes.EVENT_ID, event.eventId().toString())
                .setAttribute(SpanAttributes.USER_ID, event.userId().toString())
                .setAttribute(SpanAttributes.POOL_ID, event.poolId().toString());
    }

    static void cleaned(CleanupCounts counts) {
        Span.current()
                .setAttribute(SpanAttributes.MATCHES_DELETED, counts.matchesDeleted())
                .setAttribute(SpanAttributes.DECISIONS_DELETED, counts.decisionsDeleted())
                .setAttribute(SpanAttributes.ACCEPTED_KEPT, counts.acceptedKept())
                .setAttribute(SpanAttributes.DUPLICATE, counts.duplicate());
    }

    static void rejected(String reason, Optional<String> eventId) {
        Span span = Span.current().setAttribute(SpanAttributes.REJECTION_REASON, reason);
        eventId.ifPresent(id -> span.setAttribute(SpanAttributes.EVENT_ID, id));
    }

    static void failed(FailureCause cause) {
        Span.current().setAttribute(SpanAttributes.FAILURE_CAUSE, cause.tag());
    }

    /** Marks the span as an error: the invocation threw, so the delivery will be retried. */
    static void threw(Span span, Exception e) {
        span.setStatus(StatusCode.ERROR, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** Ends the span with the invocation's outcome and takes its ids out of the MDC. */
    static void end(Span span, CleanupMetrics.Outcome outcome) {
        MDC.remove(LogFields.TRACE_ID);
        MDC.remove(LogFields.MESSAGE_ID);
        MDC.remove(LogFields.EVENT_ID);
        span.setAttribute(SpanAttributes.OUTCOME, outcome.name().toLowerCase(Locale.ROOT));
        span.end();
    }

    private Context parentOf(CloudEvent cloudEvent, Map<String, String> messageAttributes) {
        Context fromEvent = propagator.extract(Context.root(), cloudEvent, EXTENSIONS);
        if (Span.fromContext(fromEvent).getSpanContext().isValid()) {
            return fromEvent;
        }
        return Telemetry.contextFromAttributes(messageAttributes);
    }

    /** Reads {@code traceparent} and {@code tracestate} from the extensions of the same names. */
    private static final class CloudEventExtensions implements TextMapGetter<CloudEvent> {

        @Override
        public String get(CloudEvent cloudEvent, String name) {
            Object value = cloudEvent == null ? null : cloudEvent.getExtension(name);
            return value == null ? null : value.toString();
        }
    }
}
