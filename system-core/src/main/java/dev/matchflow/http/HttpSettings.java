package dev.matchflow.http;

import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import java.util.Objects;

/**
 * Where a service listens, how large a request body it takes, and what it traces requests with.
 *
 * @param host the interface to bind, {@code 127.0.0.1} unless told otherwise
 * @param port the port, 0 for a free one
 * @param maxBodyBytes the largest request body accepted; larger ones get 413 {@code body_too_large}
 * @param openTelemetry where the server spans of requests go; {@link OpenTelemetry#noop()} traces nothing
 * @param requestGate what every request passes before its route; {@link RequestGate#OPEN} outside the simulator
 */
public record HttpSettings(
        String host, int port, long maxBodyBytes, OpenTelemetry openTelemetry, RequestGate requestGate) {

    /** 64 KiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public static final String LOOPBACK = "127.0.0.1";

    public HttpSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535; use 0 for a free port");
        }
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("maxBodyBytes " + maxBodyBytes + " must be between 1 and 2^31-2");
        }
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        Objects.requireNonNull(requestGate, "requestGate");
    }

    /** Settings that trace nothing. */
    public HttpSettings(String host, int port, long maxBodyBytes) {
        this(host, port, maxBodyBytes, OpenTelemetry.noop(), RequestGate.OPEN);
    }

    /** Settings that let every request through at once. */
    public HttpSettings(String host, int port, long maxBodyBytes, OpenTelemetry openTelemetry) {
        this(host, port, maxBodyBytes, openTelemetry, RequestGate.OPEN);
    }

    /** A free port on 127.0.0.1 with the default body limit. */
    public static HttpSettings loopback() {
        return new HttpSettings(LOOPBACK, 0, DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * Reads {@code PORT} (default 8080, as Cloud Run sets it) and {@code HOST} (default 127.0.0.1; a
     * container sets {@code 0.0.0.0}).
     */
    public static HttpSettings fromEnvironment(Map<String, String> environment) {
        String host = environment.getOrDefault("HOST", LOOPBACK);
        String port = environment.getOrDefault("PORT", "8080");
        try {
            return new HttpSettings(host, Integer.parseInt(port.trim()), DEFAULT_MAX_BODY_BYTES);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT '" + port + "' is not a number; set it to a port such as 8080", e);
        }
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(host, newPort, maxBodyBytes, openTelemetry, requestGate);
    }

    public HttpSettings withHost(String newHost) {
        return new HttpSettings(newHost, port, maxBodyBytes, openTelemetry, requestGate);
    }

    public HttpSettings withMaxBodyBytes(long newMaxBodyBytes) {
        return new HttpSettings(host, port, newMaxBodyBytes, openTelemetry, requestGate);
    }

    /** The same settings, tracing every request with {@code newOpenTelemetry}, for example a {@code Telemetry}'s. */
    public HttpSettings withOpenTelemetry(OpenTelemetry newOpenTelemetry) {
        return new HttpSettings(host, port, maxBodyBytes, newOpenTelemetry, requestGate);
    }

    /** The same settings, passing every request through {@code newRequestGate} before its route. */
    public HttpSettings withRequestGate(RequestGate newRequestGate) {
        return new HttpSettings(host, port, maxBodyBytes, openTelemetry, newRequestGate);
    }
}
