package dev.matchflow.usermatch;

import dev.matchflow.http.ApiServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/** A running User-Match: its HTTP API and, unless publishing is disabled, its outbox relay. */
public final class UserMatchServer implements AutoCloseable {

    private final ApiServer api;
    private final UserMatchService userMatch;
    private final Optional<OutboxRelay> relay;

    UserMatchServer(ApiServer api, UserMatchService userMatch, Optional<OutboxRelay> relay) {
        this.api = api;
        this.userMatch = userMatch;
        this.relay = relay;
    }

    public int port() {
        return api.port();
    }

    /** Its base URL, for example {@code http://127.0.0.1:41234}. */
    public String url() {
        return api.url();
    }

    public PrometheusMeterRegistry registry() {
        return api.registry();
    }

    /** How many stored events are not yet published. */
    public int pendingEvents() {
        return userMatch.pendingEvents();
    }

    /**
     * Publishes the pending events now instead of when their backoff ends, and waits for the outcomes; see
     * {@link OutboxRelay#drainNow()}. With publishing disabled nothing is published and it answers 0.
     *
     * @return how many events it published
     */
    public int drainNow() {
        return relay.map(OutboxRelay::drainNow).orElse(0);
    }

    /** Stops taking requests, then stops the relay once its publishes in flight have ended. */
    @Override
    public void close() {
        api.close();
        relay.ifPresent(OutboxRelay::close);
    }
}
