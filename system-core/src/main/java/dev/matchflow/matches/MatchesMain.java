package dev.matchflow.matches;

import dev.matchflow.db.Database;
import dev.matchflow.http.ApiServer;
import dev.matchflow.http.HttpSettings;
import dev.matchflow.pools.PoolsClient;
import dev.matchflow.security.SharedSecretVerifier;
import java.util.Map;

/**
 * Runs the Matches service on its own, configured from the environment: {@code PORT}, {@code HOST},
 * {@code DATABASE_URL} (with {@code DATABASE_USER} and {@code DATABASE_PASSWORD}), {@code
 * POOLS_SERVICE_URL} and {@code INTERNAL_TOKEN}, the shared secret callers of the internal endpoints send.
 */
public final class MatchesMain {

    private MatchesMain() {}

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        PoolsClient pools = PoolsClient.create(required(environment, "POOLS_SERVICE_URL", "http://127.0.0.1:8081"));
        SharedSecretVerifier verifier =
                new SharedSecretVerifier(required(environment, "INTERNAL_TOKEN", "a long random string"));
        Database database = Database.fromEnvironment(environment);
        ApiServer server = MatchesService.start(database, HttpSettings.fromEnvironment(environment), pools, verifier);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            database.close();
                        },
                        "matches-shutdown"));
    }

    private static String required(Map<String, String> environment, String name, String example) {
        String value = environment.getOrDefault(name, "").trim();
        if (value.isEmpty()) {
            throw new IllegalStateException(name + " is not set; set it, for example to " + example);
        }
        return value;
    }
}
