package dev.matchflow.usermatch;

import dev.matchflow.http.HttpSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How User-Match runs.
 *
 * @param http where it listens
 * @param poolsServiceUrl the base URL of Pools, for example {@code http://127.0.0.1:8081}
 * @param publishingEnabled false to only log each leave's event, neither storing nor publishing it
 * @param publishWait how long a leave waits for its event to be published before answering {@code queued}
 * @param relay how the outbox relay works
 * @param leaveCheckpoint what runs between the Pools commit of a leave and the outbox write of its event
 */
public record UserMatchSettings(
        HttpSettings http,
        String poolsServiceUrl,
        boolean publishingEnabled,
        Duration publishWait,
        RelaySettings relay,
        LeaveCheckpoint leaveCheckpoint) {

    public static final Duration DEFAULT_PUBLISH_WAIT = Duration.ofSeconds(2);

    public UserMatchSettings {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(poolsServiceUrl, "poolsServiceUrl");
        Objects.requireNonNull(publishWait, "publishWait");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(leaveCheckpoint, "leaveCheckpoint");
        if (publishWait.isNegative()) {
            throw new IllegalArgumentException("publish wait " + publishWait + " must not be negative");
        }
    }

    /** A free loopback port, publishing enabled, the default publish wait and relay. */
    public static UserMatchSettings forPools(String poolsServiceUrl) {
        return new UserMatchSettings(
                HttpSettings.loopback(),
                poolsServiceUrl,
                true,
                DEFAULT_PUBLISH_WAIT,
                RelaySettings.defaults(),
                LeaveCheckpoint.NONE);
    }

    /**
     * Reads {@code PORT} and {@code HOST} (see {@link HttpSettings#fromEnvironment}), {@code POOLS_SERVICE_URL}
     * (required) and {@code ENABLE_EVENT_PUBLISHING} ({@code true} unless set to {@code false}).
     *
     * @throws IllegalStateException when a variable is missing or malformed, naming it and saying what to set
     */
    public static UserMatchSettings fromEnvironment(Map<String, String> environment) {
        String poolsUrl = environment.getOrDefault("POOLS_SERVICE_URL", "").trim();
        if (poolsUrl.isEmpty()) {
            throw new IllegalStateException(
                    "POOLS_SERVICE_URL is not set; set it to the base URL of Pools, e.g. http://127.0.0.1:8081");
        }
        return forPools(poolsUrl)
                .withHttp(HttpSettings.fromEnvironment(environment))
                .withPublishingEnabled(publishingEnabled(environment));
    }

    public UserMatchSettings withHttp(HttpSettings newHttp) {
        return new UserMatchSettings(newHttp, poolsServiceUrl, publishingEnabled, publishWait, relay, leaveCheckpoint);
    }

    public UserMatchSettings withPublishingEnabled(boolean enabled) {
        return new UserMatchSettings(http, poolsServiceUrl, enabled, publishWait, relay, leaveCheckpoint);
    }

    public UserMatchSettings withPublishWait(Duration newPublishWait) {
        return new UserMatchSettings(http, poolsServiceUrl, publishingEnabled, newPublishWait, relay, leaveCheckpoint);
    }

    public UserMatchSettings withRelay(RelaySettings newRelay) {
        return new UserMatchSettings(http, poolsServiceUrl, publishingEnabled, publishWait, newRelay, leaveCheckpoint);
    }

    public UserMatchSettings withLeaveCheckpoint(LeaveCheckpoint newLeaveCheckpoint) {
        return new UserMatchSettings(http, poolsServiceUrl, publishingEnabled, publishWait, relay, newLeaveCheckpoint);
    }

    /**
     * Reads {@code ENABLE_EVENT_PUBLISHING}: {@code true} unless it is set to {@code false}.
     *
     * @throws IllegalStateException when it is set to anything else, saying what to set
     */
    public static boolean publishingEnabled(Map<String, String> environment) {
        String value = environment.get("ENABLE_EVENT_PUBLISHING");
        if (value == null || value.isBlank()) {
            return true;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new IllegalStateException("ENABLE_EVENT_PUBLISHING '" + value
                        + "' is neither true nor false; set true to publish leave events or false to only log them");
        };
    }
}
