package dev.matchflow.matches;

import dev.matchflow.db.Database;
import dev.matchflow.http.ApiServer;
import dev.matchflow.http.HttpSettings;
import dev.matchflow.observability.Telemetry;
import dev.matchflow.pools.PoolsClient;
import dev.matchflow.security.InternalTokenVerifier;
import dev.matchflow.security.InternalTokenVerifiers;
import java.util.Map;

/**
 * Runs the Matches service on its own, configured from the environment: {@code PORT}, {@code HOST},
 * {@code DATABASE_URL} (with {@code DATABASE_USER} and {@code DATABASE_PASSWORD}), {@code
 * POOLS_SERVICE_URL}, {@code OTEL_EXPORTER_OTLP_ENDPOINT} to export its traces, and how callers of the internal
 * endpoints authenticate: by default the shared secret in {@code INTERNAL_TOKEN}; with {@code INTERNAL_AUTH=google}
 * a Google-signed ID token for {@code MATCHES_SERVICE_URL}, Matches' own URL, from the service account in {@code
 * INTERNAL_CALLER} (see {@link InternalTokenVerifiers}).
 */
public final class MatchesMain {

    /** Matches' own URL, the audience of the ID tokens its callers send in the cloud. */
    static final String OWN_URL = "MATCHES_SERVICE_URL";

    private MatchesMain() {}

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        Telemetry telemetry = Telemetry.create(MatchesService.NAME, environment);
        PoolsClient pools = PoolsClient.create(required(environment, "POOLS_SERVICE_URL", "http://127.0.0.1:8081"))
                .withOpenTelemetry(telemetry.openTelemetry());
        InternalTokenVerifier verifier = InternalTokenVerifiers.fromEnvironment(environment, OWN_URL);
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
