package dev.matchflow.pools;

import dev.matchflow.db.Database;
import dev.matchflow.http.ApiServer;
import dev.matchflow.http.HttpSettings;
import dev.matchflow.observability.Telemetry;
import java.util.Map;

/**
 * Runs the Pools service on its own, configured from the environment: {@code PORT}, {@code HOST},
 * {@code DATABASE_URL} (with {@code DATABASE_USER} and {@code DATABASE_PASSWORD}), and {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT} to export its traces.
 */
public final class PoolsMain {

    private PoolsMain() {}

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        Telemetry telemetry = Telemetry.create(PoolsService.NAME, environment);
        Database database = Database.fromEnvironment(environment);
        HttpSettings settings = HttpSettings.fromEnvironment(environment).withOpenTelemetry(telemetry.openTelemetry());
        ApiServer server = PoolsService.start(database, settings);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            database.close();
                            telemetry.close();
                        },
                        "pools-shutdown"));
    }
}
