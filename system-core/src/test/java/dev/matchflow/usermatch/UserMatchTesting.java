package dev.matchflow.usermatch;

import dev.matchflow.db.Database;
import dev.matchflow.db.Sql;
import dev.matchflow.http.TestHttp;
import dev.matchflow.http.TestHttp.Answer;
import dev.matchflow.pools.PoolsApi;
import java.time.Duration;
import java.util.UUID;

/** What User-Match tests share: a relay that retries quickly, the HTTP calls, and a look into the outbox. */
final class UserMatchTesting {

    /** Polls every 100 ms, gives up an attempt after 1 s, and waits 200 ms to 1 s between attempts. */
    static final RelaySettings QUICK_RELAY = RelaySettings.defaults()
            .withPollInterval(Duration.ofMillis(100))
            .withPublishTimeout(Duration.ofSeconds(1))
            .withLease(Duration.ofSeconds(5))
            .withBackoff(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)));

    private UserMatchTesting() {}

    static UserMatchSettings settings(PoolsApi pools) {
        return UserMatchSettings.forPools(pools.url()).withRelay(QUICK_RELAY);
    }

    static Answer join(UserMatchServer userMatch, UUID userId, UUID poolId) {
        return TestHttp.post(userMatch.url() + "/users/" + userId + "/pool", "{\"pool_id\":\"" + poolId + "\"}");
    }

    static Answer membership(UserMatchServer userMatch, UUID userId) {
        return TestHttp.get(userMatch.url() + "/users/" + userId + "/pool");
    }

    static Answer leave(UserMatchServer userMatch, UUID userId) {
        return TestHttp.delete(userMatch.url() + "/users/" + userId + "/pool");
    }

    static UUID eventId(Answer leave) {
        return UUID.fromString(leave.json().path("event_id").asText());
    }

    /** The outbox row of the event; fails when there is none. */
    static OutboxEvent outboxEvent(Database database, UUID eventId) {
        return database.inTransaction(connection -> new OutboxRepository().find(connection, eventId))
                .orElseThrow(() -> new AssertionError("the outbox has no event " + eventId));
    }

    static int outboxRows(Database database) {
        return database.inTransaction(connection -> Sql.count(connection, "SELECT COUNT(*) FROM event_outbox"));
    }
}
