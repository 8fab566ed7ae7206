package dev.matchflow.http;

import dev.matchflow.observability.LogFields;
import dev.matchflow.observability.SpanAttributes;
import io.javalin.http.Context;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.slf4j.MDC;

/**
 * One SERVER span per request, around everything the server does for it, so the span is current while the handler
 * runs (calls it makes are its children) and the trace id is in the MDC of every log line about the request. The
 * parent comes from the request's {@code traceparent} header. Once Javalin has matched a route, {@link
 * #describe(Context, String)} names the span after it; a request that matched none keeps the bare method as its
 * name, as OpenTelemetry's HTTP conventions ask. A 5xx answer marks the span as an error.
 */
final class ServerTracing implements Filter {

    /** Health probes and metric scrapes would bury the hops of the system under spans of their own. */
    private static final Set<String> UNTRACED_PATHS = Set.of("/healthz", "/metrics");

    private static final Map<String, AttributeKey<String>> PATH_IDS = Map.of(
            "user_id", SpanAttributes.USER_ID,
            "pool_id", SpanAttributes.POOL_ID,
            "match_id", SpanAttributes.MATCH_ID);

    private static final TextMapGetter<HttpServletRequest> HEADERS = new RequestHeaders();

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    ServerTracing(String service, OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.matchflow." + service);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest httpRequest = (HttpServletRequest) request;
        if (UNTRACED_PATHS.contains(httpRequest.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        Span span = start(httpRequest);

        try (Scope ignored = span.makeCurrent();
                MDC.MDCCloseable traceId = MDC.putCloseable(
                        LogFields.TRACE_ID, span.getSpanContext().getTraceId())) {
            chain.doFilter(request, response);
        } finally {
            end(span, ((HttpServletResponse) response).getStatus());
        }
    }

    /** Names the current request's span after {@code route} and records the ids its path carries. */
    static void describe(Context ctx, String route) {
        Span span = Span.current();
        if (!span.isRecording() || route.equals(ApiServer.UNMATCHED_ROUTE)) {
            return;
        }
        span.updateName(ctx.method().name() + " " + route);
        span.setAttribute(SpanAttributes.HTTP_ROUTE, route);
        ctx.pathParamMap().forEach((name, value) -> {
            AttributeKey<String> id = PATH_IDS.get(name);
            if (id != null) {
                span.setAttribute(id, value);
            }
        });
    }

    private Span start(HttpServletRequest request) {
        String method = request.getMethod();
        return tracer.spanBuilder(method)
                .setSpanKind(SpanKind.SERVER)
                .setParent(propagator.extract(io.opentelemetry.context.Context.root(), request, HEADERS))
                .setAttribute(SpanAttributes.HTTP_REQUEST_METHOD, method)
                .startSpan();
    }

    private static void end(Span span, int status) {
        span.setAttribute(SpanAttributes.HTTP_RESPONSE_STATUS_CODE, status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    private static final class RequestHeaders implements TextMapGetter<HttpServletRequest> {

        @Override
        public String get(HttpServletRequest request, String name) {
            return request == null ? null : request.getHeader(name);
        }
    }
}
