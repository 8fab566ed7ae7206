package dev.matchflow.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.Key;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running HTTP API of one service, on Javalin, with what every service shares: JSON in and out, errors
 * as {@code {"error":{"code","message"}}}, a request body limit, {@code GET /healthz} and {@code GET
 * /metrics} (Prometheus text, with JVM and HTTP request metrics).
 *
 * <pre>{@code
 * ApiServer server = ApiServer.start("pools", HttpSettings.loopback(), registry, app -> {
 *     app.get("/pools/{pool_id}", ctx -> ctx.json(find(Requests.pathUuid(ctx, "pool_id"))));
 * });
 * }</pre>
 *
 * <p>Every request first passes the settings' {@link RequestGate}. Handlers end a request with an error by throwing
 * {@link ApiException}, or without any answer by throwing {@link ConnectionDropped}; an uncaught {@link
 * ServiceCallException} answers as {@link ServiceCallException#toApiException()} says; anything else is
 * logged once with its stack trace and answered 500 {@code internal} without it.
 *
 * <p>With an OpenTelemetry in its {@link HttpSettings#openTelemetry() settings}, every request but health
 * probes and scrapes gets a SERVER span named {@code METHOD route} (for example {@code DELETE
 * /pools/members/{user_id}}) that continues the caller's {@code traceparent}, and its trace id is in the MDC
 * as {@code trace_id} while the request runs.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final Key<Long> BODY_LIMIT = new Key<>("matchflow.body-limit");

    /** The route of a request that reached no endpoint, in metrics. */
    static final String UNMATCHED_ROUTE = "unmatched";

    private final String service;
    private final HttpSettings settings;
    private final Javalin app;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;

    private ApiServer(
            String service,
            HttpSettings settings,
            Javalin app,
            PrometheusMeterRegistry registry,
            JvmGcMetrics gcMetrics) {
        this.service = service;
        this.settings = settings;
        this.app = app;
        this.registry = registry;
        this.gcMetrics = gcMetrics;
    }

    /**
     * Builds the app, lets {@code routes} add the service's endpoints, and starts listening.
     *
     * @param service the service's name, for logs and metrics, for example {@code pools}
     * @param registry the service's own registry, rendered on {@code /metrics}
     * @throws IllegalStateException when the port cannot be bound
     */
    public static ApiServer start(
            String service, HttpSettings settings, PrometheusMeterRegistry registry, Consumer<Javalin> routes) {
        JvmGcMetrics gcMetrics = bindJvmMetrics(registry);
        Javalin app = Javalin.create(config -> configure(config, service, settings, registry));
        addPlumbing(app, service, settings, registry);
        routes.accept(app);
        ApiServer server = new ApiServer(service, settings, app, registry, gcMetrics);
        server.listen();
        return server;
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** Its base URL, for example {@code http://127.0.0.1:41234}; loopback when it listens on every interface. */
    public String url() {
        boolean everyInterface =
                settings.host().equals("0.0.0.0") || settings.host().equals("::");
        return "http://" + (everyInterface ? HttpSettings.LOOPBACK : settings.host()) + ":" + port();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Stops listening; requests in progress are given a moment to finish. */
    @Override
    public void close() {
        app.stop();
        gcMetrics.close();
        log.info("{} stopped", service);
    }

    static long bodyLimit(Context ctx) {
        return ctx.appData(BODY_LIMIT);
    }

    private void listen() {
        try {
            app.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            app.stop();
            gcMetrics.close();
            throw new IllegalStateException(
                    service + " cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage()
                            + "; free the port or choose another with PORT (0 picks a free one)",
                    e);
        }
        log.info("{} listening on http://{}:{}", service, settings.host(), port());
    }

    private static void configure(
            JavalinConfig config, String service, HttpSettings settings, PrometheusMeterRegistry registry) {
        config.showJavalinBanner = false;
        config.startupWatcherEnabled = false;
        config.jsonMapper(new JavalinJackson(Json.mapper(), false));
        config.http.maxRequestSize = settings.maxBodyBytes();
        config.appData(BODY_LIMIT, settings.maxBodyBytes());
        config.requestLogger.http((ctx, millis) -> recordRequest(service, registry, ctx, millis));
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        traceRequests(config, service, settings.openTelemetry());
    }

    private static void traceRequests(JavalinConfig config, String service, OpenTelemetry openTelemetry) {
        // Without tracing the filter is left out, so an untraced server does no tracing work at all.
        if (openTelemetry == OpenTelemetry.noop()) {
            return;
        }
        FilterHolder tracing = new FilterHolder(new ServerTracing(service, openTelemetry));
        config.jetty.modifyServletContextHandler(
                handler -> handler.addFilter(tracing, "/*", EnumSet.of(DispatcherType.REQUEST)));
    }

    private static void addPlumbing(
            Javalin app, String service, HttpSettings settings, PrometheusMeterRegistry registry) {
        app.before(ctx -> settings.requestGate().admit(ctx.method().name(), ctx.path()));
        app.before(ctx -> refuseLargeBody(ctx, settings.maxBodyBytes()));
        app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok", "service", service)));
        app.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(registry.scrape()));
        app.exception(ApiException.class, (e, ctx) -> answer(ctx, e));
        app.exception(ConnectionDropped.class, (e, ctx) -> drop(service, ctx, e));
        app.exception(ServiceCallException.class, (e, ctx) -> answerDownstreamFailure(service, ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, translate(ctx, e)));
        app.exception(Exception.class, (e, ctx) -> answerUnexpected(service, ctx, e));
    }

    private static void refuseLargeBody(Context ctx, long limit) {
        if (ctx.contentLength() > limit) {
            throw Requests.tooLarge(limit);
        }
    }

    private static void answer(Context ctx, ApiException e) {
        ctx.status(e.code().status()).json(ErrorBody.of(e.code(), e.getMessage()));
    }

    private static void drop(String service, Context ctx, ConnectionDropped e) {
        log.warn(
                "{} {} {}: connection dropped without an answer: {}",
                service,
                ctx.method(),
                ctx.path(),
                e.getMessage());
        Request.getBaseRequest(ctx.req()).getHttpChannel().abort(e);
    }

    private static void answerDownstreamFailure(String service, Context ctx, ServiceCallException e) {
        ApiException answer = e.toApiException();
        log.warn("{} {} {}: {}", service, ctx.method(), ctx.path(), e.getMessage());
        answer(ctx, answer);
    }

    private static void answerUnexpected(String service, Context ctx, Exception e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("{} {} {} failed unexpectedly (reference {})", service, ctx.method(), ctx.path(), reference, e);
        String message = "the server failed unexpectedly; its log has the details under reference " + reference;
        answer(ctx, new ApiException(ErrorCode.INTERNAL, message));
    }

    private static ApiException translate(Context ctx, HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> ApiException.notFound("no endpoint " + ctx.method() + " " + ctx.path());
            case 413 -> Requests.tooLarge(bodyLimit(ctx));
            case 400 -> ApiException.invalidBody(e.getMessage());
            case 401 -> new ApiException(ErrorCode.UNAUTHENTICATED, e.getMessage());
            case 403 -> new ApiException(ErrorCode.FORBIDDEN, e.getMessage());
            case 409 -> ApiException.conflict(e.getMessage());
            case 503 -> new ApiException(ErrorCode.UNAVAILABLE, e.getMessage());
            default -> new ApiException(ErrorCode.INTERNAL, e.getStatus() + " " + e.getMessage());
        };
    }

    private static void recordRequest(String service, PrometheusMeterRegistry registry, Context ctx, Float millis) {
        String route = route(ctx);
        ServerTracing.describe(ctx, route);
        Timer.builder("http.server.requests")
                .description("HTTP requests served, by route and status")
                .tag("service", service)
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry)
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
        log.debug("{} {} {} -> {} in {} ms", service, ctx.method(), ctx.path(), ctx.statusCode(), millis);
    }

    private static String route(Context ctx) {
        // A request refused before it reached an endpoint (unknown path, too large) has no route.
        if (ctx.handlerType() == HandlerType.BEFORE) {
            return UNMATCHED_ROUTE;
        }
        String route = ctx.endpointHandlerPath();
        return route == null || route.isEmpty() ? UNMATCHED_ROUTE : route;
    }

    private static JvmGcMetrics bindJvmMetrics(PrometheusMeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        return gcMetrics;
    }
}
