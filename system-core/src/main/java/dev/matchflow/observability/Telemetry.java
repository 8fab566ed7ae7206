package dev.matchflow.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracing for one process: an OpenTelemetry SDK whose ended spans always reach the in-process {@link SpanFeed}
 * (the simulator reads them there) and, when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set, an OTLP exporter.
 * Trace context crosses HTTP in W3C {@code traceparent} headers and Pub/Sub in the
 * {@value #MESSAGE_TRACEPARENT} attribute, the name the Pub/Sub client libraries use.
 */
public final class Telemetry implements AutoCloseable {

    /** The message attribute that carries the W3C trace context, as Google's client libraries name it. */
    public static final String MESSAGE_TRACEPARENT = "googclient_traceparent";

    private static final Logger log = LoggerFactory.getLogger(Telemetry.class);
    private static final TextMapPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new MapGetter();

    private final OpenTelemetrySdk sdk;
    private final SpanFeed feed;
    private final boolean exporting;

    private Telemetry(OpenTelemetrySdk sdk, SpanFeed feed, boolean exporting) {
        this.sdk = sdk;
        this.feed = feed;
        this.exporting = exporting;
    }

    /** Tracing for the named service, exporting over OTLP only when the environment asks for it. */
    public static Telemetry create(String serviceName, Map<String, String> environment) {
        SpanFeed feed = new SpanFeed();
        SdkTracerProviderBuilder tracerProvider = SdkTracerProvider.builder()
                .setResource(Resource.create(
                        Attributes.builder().put("service.name", serviceName).build()))
                .addSpanProcessor(feed);
        String otlpEndpoint = environment.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        boolean exporting = otlpEndpoint != null && !otlpEndpoint.isBlank();
        if (exporting) {
            tracerProvider.addSpanProcessor(BatchSpanProcessor.builder(OtlpGrpcSpanExporter.builder()
                            .setEndpoint(otlpEndpoint)
                            .build())
                    .build());
            log.info("Exporting traces of {} over OTLP to {}", serviceName, otlpEndpoint);
        }
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(tracerProvider.build())
                .setPropagators(ContextPropagators.create(PROPAGATOR))
                .build();
        return new Telemetry(sdk, feed, exporting);
    }

    /** Tracing that keeps spans in process only, for tests and for the simulator. */
    public static Telemetry inProcess(String serviceName) {
        return create(serviceName, Map.of());
    }

    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    public Tracer tracer(String component) {
        return sdk.getTracer("dev.matchflow." + component);
    }

    /** Ended spans, as they end, for observers in this process. */
    public SpanFeed spans() {
        return feed;
    }

    /** The trace context of {@code context} as headers or attributes: {@code traceparent} (and {@code tracestate}). */
    public static Map<String, String> traceHeaders(Context context) {
        Map<String, String> carrier = new HashMap<>();
        PROPAGATOR.inject(context, carrier, Map::put);
        return carrier;
    }

    /** The context carried by {@code headers} (a missing or malformed traceparent gives the root context). */
    public static Context contextFromHeaders(Map<String, String> headers) {
        return PROPAGATOR.extract(Context.root(), headers, MAP_GETTER);
    }

    /** The context carried by a message's {@value #MESSAGE_TRACEPARENT} attribute. */
    public static Context contextFromAttributes(Map<String, String> attributes) {
        String traceparent = attributes.get(MESSAGE_TRACEPARENT);
        return traceparent == null ? Context.root() : contextFromHeaders(Map.of("traceparent", traceparent));
    }

    /** The attribute that carries {@code context} on a message, or none when there is no span. */
    public static Map<String, String> traceAttributes(Context context) {
        String traceparent = traceHeaders(context).get("traceparent");
        return traceparent == null ? Map.of() : Map.of(MESSAGE_TRACEPARENT, traceparent);
    }

    /**
     * Closes this telemetry when the JVM exits, so spans still queued for export are sent; for code whose host never
     * closes it, such as a function under the Functions Framework. Without export nothing is queued, and nothing is
     * registered.
     */
    public Telemetry closeAtExit(String serviceName) {
        if (exporting) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::close, serviceName + "-telemetry-shutdown"));
        }
        return this;
    }

    @Override
    public void close() {
        sdk.getSdkTracerProvider().shutdown().join(5, TimeUnit.SECONDS);
    }

    private static final class MapGetter implements TextMapGetter<Map<String, String>> {

        @Override
        public String get(Map<String, String> carrier, String key) {
            if (carrier == null) {
                return null;
            }
            String value = carrier.get(key);
            return value != null ? value : caseInsensitive(carrier, key);
        }

        private static String caseInsensitive(Map<String, String> carrier, String key) {
            return carrier.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(key))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }
    }
}
