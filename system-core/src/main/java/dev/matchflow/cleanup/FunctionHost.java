package dev.matchflow.cleanup;

import com.google.cloud.functions.CloudEventsFunction;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link CloudEventsFunction} over HTTP the way the Functions Framework does, on an address of the
 * caller's choosing (the framework's invoker binds every interface): a POST carrying a CloudEvent in binary or
 * structured mode is passed to the function; the answer is 204 when it returns, 500 when it throws (so Pub/Sub
 * redelivers), 400 for a request that is not a CloudEvent, 405 for other methods and 413 for a body over 32 MiB,
 * the request limit of Cloud Functions.
 *
 * <pre>{@code
 * try (FunctionHost host = new FunctionHost(new CleanupFunction(settings, registry))) {
 *     host.start("127.0.0.1", 0);
 *     URI url = host.url();
 * }
 * }</pre>
 */
public final class FunctionHost implements AutoCloseable {

    /** Cloud Functions refuses larger requests too. */
    public static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(FunctionHost.class);
    private static final int DEFAULT_CONCURRENCY = 8;
    private static final long CLOSE_GRACE_MILLIS = 5_000;

    private final CloudEventsFunction function;
    private final int concurrency;
    private final Object invocations = new Object();
    private int invocationsInFlight;
    private boolean closing;
    private HttpServer server;
    private ExecutorService workers;

    /** A host that runs up to 8 invocations at once. */
    public FunctionHost(CloudEventsFunction function) {
        this(function, DEFAULT_CONCURRENCY);
    }

    /** A host that runs up to {@code concurrency} invocations at once; further requests wait for a thread. */
    public FunctionHost(CloudEventsFunction function, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency " + concurrency + " must be at least 1");
        }
        this.function = function;
        this.concurrency = concurrency;
    }

    /**
     * Starts listening.
     *
     * @param host the address to bind, normally {@code 127.0.0.1}
     * @param port the port, or 0 for a free one (then read it with {@link #port()})
     * @throws UncheckedIOException when the address cannot be bound, e.g. because the port is in use
     * @throws IllegalStateException when the host was already started
     */
    public synchronized FunctionHost start(String host, int port) {
        if (server != null) {
            throw new IllegalStateException("function host already listens on " + url() + "; close it first");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); free the port or pick 0", e);
        }
        synchronized (invocations) {
            closing = false;
        }
        workers = Executors.newFixedThreadPool(concurrency, workerThreads());
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("function host serving {} at {}", function.getClass().getSimpleName(), url());
        return this;
    }

    /** The port the host listens on. */
    public synchronized int port() {
        return address().getPort();
    }

    /** The URL to POST CloudEvents to. */
    public synchronized URI url() {
        InetSocketAddress address = address();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
    }

    /**
     * Stops listening. Invocations in progress get up to 5 seconds to finish; requests arriving meanwhile are
     * answered 503. Closing twice does nothing.
     */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        awaitInvocationsInFlight();
        server.stop(0);
        workers.shutdownNow();
        server = null;
        LOG.info("function host for {} stopped", function.getClass().getSimpleName());
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!invocationStarted()) {
            respond(exchange, 503, "closing", "the function host is shutting down; retry elsewhere or later");
            exchange.close();
            return;
        }
        try {
            serve(exchange);
        } finally {
            invocationEnded();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "method_not_allowed", "POST a CloudEvent; got " + exchange.getRequestMethod());
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body.length > MAX_REQUEST_BYTES) {
                respond(exchange, 413, "too_large", "the request body is over " + MAX_REQUEST_BYTES + " bytes");
                return;
            }
            invoke(exchange, CloudEventHttpReader.read(exchange.getRequestHeaders(), body));
        } catch (NotACloudEventException e) {
            LOG.warn("function host refused a request that is not a CloudEvent: {}", e.getMessage());
            respond(exchange, 400, "not_a_cloudevent", e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private void invoke(HttpExchange exchange, CloudEvent event) throws IOException {
        try {
            function.accept(event);
            exchange.sendResponseHeaders(204, -1);
        } catch (RuntimeException e) {
            LOG.error("function threw for CloudEvent id={} type={}; answering 500", event.getId(), event.getType(), e);
            respond(
                    exchange,
                    500,
                    "function_failed",
                    "the function failed on CloudEvent " + event.getId()
                            + " in a way it did not expect; the function host's log has the details");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn(
                    "function failed for CloudEvent id={}; answering 500 so it is retried: {}",
                    event.getId(),
                    e.toString());
            respond(exchange, 500, "function_failed", "the function failed: " + e.getMessage());
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readNBytes(MAX_REQUEST_BYTES + 1);
        }
    }

    private static void respond(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] body = errorJson(code, message);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] errorJson(String code, String message) {
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ");
        return ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + escaped + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("function host is not listening; call start(host, port) first");
        }
        return server.getAddress();
    }

    private boolean invocationStarted() {
        synchronized (invocations) {
            if (closing) {
                return false;
            }
            invocationsInFlight++;
            return true;
        }
    }

    private void invocationEnded() {
        synchronized (invocations) {
            invocationsInFlight--;
            invocations.notifyAll();
        }
    }

    private void awaitInvocationsInFlight() {
        long deadline = System.currentTimeMillis() + CLOSE_GRACE_MILLIS;
        synchronized (invocations) {
            closing = true;
            try {
                while (invocationsInFlight > 0 && System.currentTimeMillis() < deadline) {
                    invocations.wait(Math.max(1, deadline - System.currentTimeMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (invocationsInFlight > 0) {
                LOG.warn("function host closing with {} invocations still running", invocationsInFlight);
            }
        }
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "function-host-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
