package dev.matchflow.trigger;

import dev.matchflow.observability.SpanAttributes;
import dev.matchflow.observability.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;

/**
 * The trigger's span per delivery attempt: a CONSUMER span that continues the trace the publisher put in the
 * message's {@value Telemetry#MESSAGE_TRACEPARENT} attribute, and whose context travels on to the function.
 */
final class DeliveryTracing {

    /** Sets each header twice: as itself for HTTP, and with the CloudEvents binary-mode prefix for the event. */
    private static final TextMapSetter<HttpRequest.Builder> HTTP_AND_CLOUD_EVENT_HEADERS =
            (request, name, value) -> request.header(name, value).header("ce-" + name, value);

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final TriggerSettings settings;
    private final String spanName;

    DeliveryTracing(OpenTelemetry openTelemetry, TriggerSettings settings) {
        this.tracer = openTelemetry.getTracer("dev.matchflow.trigger");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.settings = settings;
        this.spanName = "deliver " + settings.subscriptionId();
    }

    /** Starts the span of one attempt to deliver the message with this id and these attributes. */
    Span start(String messageId, Map<String, String> attributes, int attempt) {
        Span span = tracer.spanBuilder(spanName)
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(Telemetry.contextFromAttributes(attributes))
                .setAttribute(SpanAttributes.MESSAGING_SYSTEM, "gcp_pubsub")
                .setAttribute(SpanAttributes.MESSAGING_DESTINATION, settings.topicId())
                .setAttribute(SpanAttributes.MESSAGING_SUBSCRIPTION, settings.subscriptionId())
                .setAttribute(SpanAttributes.MESSAGING_MESSAGE_ID, messageId)
                .startSpan();
        if (attempt > 0) {
            span.setAttribute(SpanAttributes.MESSAGING_DELIVERY_ATTEMPT, attempt);
        }
        return span;
    }

    /**
     * Sends the span's context to the function as the {@code traceparent} header and as the {@code traceparent}
     * extension of the CloudEvents distributed tracing extension ({@code ce-traceparent}), which is what the
     * function continues.
     */
    void propagate(Span span, HttpRequest.Builder request) {
        propagator.inject(Context.root().with(span), request, HTTP_AND_CLOUD_EVENT_HEADERS);
    }

    /** Ends the span with what came of the delivery; a nacked one is an error. */
    static void end(Span span, Delivery delivery) {
        span.setAttribute(SpanAttributes.OUTCOME, delivery.outcome().name().toLowerCase(Locale.ROOT));
        delivery.status().ifPresent(status -> span.setAttribute(SpanAttributes.HTTP_RESPONSE_STATUS_CODE, status));
        if (delivery.outcome() == Delivery.Outcome.NACKED) {
            span.setStatus(StatusCode.ERROR, delivery.failure().orElse("nacked"));
        }
        span.end();
    }
}
