package dev.matchflow.matches;

import dev.matchflow.db.Database;
import dev.matchflow.http.ApiServer;
import dev.matchflow.http.HttpSettings;
import dev.matchflow.observability.Telemetry;
import dev.matchflow.pools.PoolsClient;
import dev.matchflow.security.SharedSecretVerifier;
import java.util.Map;

/**
 * Runs the Matches service on its own, configured from the environment: {@code PORT}, {@code HOST},
 * {@code DATABASE_URL} (with {@code DATABASE_USER} and {@code DATABASE_PASSWORD}), {@code
 * POOLS_SERVICE_URL}, {@code INTERNAL_TOKEN}, the shared secret callers of the internal endpoints send, and
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} to export its traces.
 */
public final class MatchesMain {

    private MatchesMain() {}

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        Telemetry telemetry = Telemetry.create(MatchesService.NAME, environment);
        PoolsClient pools = PoolsClient.create(required(environment, "POOLS_SERVICE_URL", "http://127.0.0.1:8081"))
                .withOpenTelemetry(telemetry.openTelemetry());
        SharedSecretVerifier verifier =
                new SharedSecretVerifier(required(environment, "INTERNAL_TOKEN", "a long random string"));
        Database database = Database.fromEnvironment(environment);
        HttpSettings settings = HttpSettings.fromEnvironment(environment).withOpenTelemetry(telemetry.openTelemetry());
        ApiServer server = MatchesService.start(database, settings, pools, verifier);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            database.close();
                            telemetry.close();
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
