package dev.matchflow.pools;

import dev.matchflow.db.Database;
import dev.matchflow.http.ApiServer;
import dev.matchflow.http.HttpSettings;
import java.util.Map;

/**
 * Runs the Pools service on its own, configured from the environment: {@code PORT}, {@code HOST},
 * {@code DATABASE_URL} (with {@code DATABASE_USER} and {@code DATABASE_PASSWORD}).
 */
public final class PoolsMain {

    private PoolsMain() {}

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        Database database = Database.fromEnvironment(environment);
        ApiServer server = PoolsService.start(database, HttpSettings.fromEnvironment(environment));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            database.close();
                        },
                        "pools-shutdown"));
    }
}
