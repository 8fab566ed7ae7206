package dev.matchflow.pools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.matchflow.db.Database;
import dev.matchflow.db.TestDatabases;
import dev.matchflow.http.ApiServer;
import dev.matchflow.http.HttpSettings;
import dev.matchflow.http.TestHttp;
import dev.matchflow.http.TestHttp.Answer;
import dev.matchflow.testing.TestDatabase;
import java.util.UUID;

/** A running Pools service on a test database, with the calls tests make to it. */
public final class PoolsApi implements AutoCloseable {

    private final Database database;
    private final ApiServer server;

    private PoolsApi(Database database, ApiServer server) {
        this.database = database;
        this.server = server;
    }

    /** Starts Pools on the test database. */
    public static PoolsApi start(TestDatabase testDatabase) {
        Database database = TestDatabases.open(testDatabase);
        return new PoolsApi(database, PoolsService.start(database, HttpSettings.loopback()));
    }

    public String url() {
        return server.url();
    }

    public Database database() {
        return database;
    }

    /** Creates a pool and answers its id. */
    public UUID givenPool(String name) {
        Answer answer = TestHttp.post(url() + "/pools", "{\"name\":\"" + name + "\"}");
        return UUID.fromString(answer.json().path("id").asText());
    }

    /** Adds the user to the pool, failing the test when Pools refuses. */
    public void givenMember(UUID poolId, UUID userId) {
        Answer answer = join(poolId, userId);
        if (answer.status() != 201) {
            throw new AssertionError("joining " + userId + " to " + poolId + " answered " + answer);
        }
    }

    public Answer join(UUID poolId, UUID userId) {
        return TestHttp.post(url() + "/pools/" + poolId + "/members", "{\"user_id\":\"" + userId + "\"}");
    }

    public Answer leave(UUID userId) {
        return TestHttp.delete(url() + "/pools/members/" + userId);
    }

    public JsonNode pool(UUID poolId) {
        return TestHttp.get(url() + "/pools/" + poolId).json();
    }

    public JsonNode members(UUID poolId) {
        return TestHttp.get(url() + "/pools/" + poolId + "/members").json();
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }
}
