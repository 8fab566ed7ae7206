package dev.matchflow.usermatch;

import dev.matchflow.db.Database;
import java.util.Map;

/**
 * Runs User-Match on its own, configured from the environment: {@code PORT}, {@code HOST}, {@code DATABASE_URL}
 * (with {@code DATABASE_USER} and {@code DATABASE_PASSWORD}), {@code POOLS_SERVICE_URL}, {@code
 * ENABLE_EVENT_PUBLISHING}, and where events go: {@code GCP_PROJECT_ID}, {@code PUBSUB_TOPIC} (or {@code
 * POOL_EVENTS_TOPIC}) and {@code PUBSUB_EMULATOR_HOST}; see {@link PubSubPublishers}.
 */
public final class UserMatchMain {

    private UserMatchMain() {}

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        UserMatchSettings settings = UserMatchSettings.fromEnvironment(environment);
        if (!settings.publishingEnabled()) {
            Database database = Database.fromEnvironment(environment);
            UserMatchServer server = UserMatchService.startWithoutPublishing(database, settings);
            onShutdown(server::close, database::close);
            return;
        }
        PubSubPublishers publishers = PubSubPublishers.fromEnvironment(environment, settings.relay());
        Database database = Database.fromEnvironment(environment);
        UserMatchServer server = UserMatchService.start(database, settings, publishers.eventPublisher());
        onShutdown(server::close, publishers::close, database::close);
    }

    private static void onShutdown(Runnable... steps) {
        Runnable inOrder = () -> {
            for (Runnable step : steps) {
                step.run();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(inOrder, "usermatch-shutdown"));
    }
}
