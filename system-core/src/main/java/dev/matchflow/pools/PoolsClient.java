package dev.matchflow.pools;

import dev.matchflow.http.JsonHttpClient;
import dev.matchflow.http.ServiceCallException;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Calls the Pools HTTP API for other services. Failures are {@link ServiceCallException}s: unreachable,
 * timed out or 5xx ones are {@link ServiceCallException#isUnavailable() unavailable}, and a 404 or 409
 * carries Pools' own error code and message.
 */
public final class PoolsClient {

    private final JsonHttpClient http;

    private PoolsClient(JsonHttpClient http) {
        this.http = http;
    }

    /** A client for Pools at {@code baseUrl} (as {@code POOLS_SERVICE_URL} gives it), with the default timeout. */
    public static PoolsClient create(String baseUrl) {
        return create(baseUrl, JsonHttpClient.DEFAULT_TIMEOUT);
    }

    public static PoolsClient create(String baseUrl, Duration timeout) {
        return new PoolsClient(JsonHttpClient.create(PoolsService.NAME, baseUrl, timeout));
    }

    /** The same client tracing every call as a CLIENT span, with the context sent on in {@code traceparent}. */
    public PoolsClient withOpenTelemetry(OpenTelemetry openTelemetry) {
        return new PoolsClient(http.withOpenTelemetry(openTelemetry));
    }

    /** The pool, or empty when it does not exist. */
    public Optional<Pool> pool(UUID poolId) {
        return http.find("/pools/" + poolId, Pool.class);
    }

    /** The user's current membership, or empty when the user is in no pool. */
    public Optional<Membership> membership(UUID userId) {
        return http.find("/pools/members/" + userId, Membership.class);
    }

    /** The pool's members; a 404 when the pool does not exist. */
    public List<Membership> members(UUID poolId) {
        return List.of(http.get("/pools/" + poolId + "/members", Membership[].class));
    }

    /** Adds the user to the pool; a 404 when the pool does not exist, 409 when the user is in a pool or it is full. */
    public Membership join(UUID poolId, UUID userId) {
        return http.post("/pools/" + poolId + "/members", Map.of("user_id", userId.toString()), Membership.class);
    }

    /** Ends the user's membership and answers when it ended; a 404 when the user is in no pool. */
    public EndedMembership leave(UUID userId) {
        return http.delete("/pools/members/" + userId, EndedMembership.class);
    }

    public String baseUrl() {
        return http.baseUrl().toString();
    }
}
