package dev.matchflow.usermatch;

import dev.matchflow.db.Database;
import dev.matchflow.pubsub.PubSubClients;
import dev.matchflow.pubsub.PubSubTopology;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs User-Match on its own, configured from the environment: {@code PORT}, {@code HOST}, {@code DATABASE_URL}
 * (with {@code DATABASE_USER} and {@code DATABASE_PASSWORD}), {@code POOLS_SERVICE_URL}, {@code
 * ENABLE_EVENT_PUBLISHING}, and where events go: {@code PUBSUB_TOPIC} (or {@code POOL_EVENTS_TOPIC}) in {@code
 * GCP_PROJECT_ID}, on the emulator at {@code PUBSUB_EMULATOR_HOST} when that is set.
 */
public final class UserMatchMain {

    private static final Logger log = LoggerFactory.getLogger(UserMatchMain.class);
    private static final int PUBSUB_CLOSE_SECONDS = 10;

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
        PubSubClients clients = PubSubClients.fromEnvironment(environment);
        String topic = PubSubTopology.fromEnvironment(environment).topic();
        EventPublisher publisher = PubSubEventPublisher.create(clients, topic, settings.relay());
        Database database = Database.fromEnvironment(environment);
        UserMatchServer server = UserMatchService.start(database, settings, publisher);
        onShutdown(server::close, () -> closeWithinLimit(clients), database::close);
    }

    /**
     * The client's publisher waits on shutdown for every publish in flight, and keeps retrying those while Pub/Sub
     * is unreachable; the process stops waiting after a while, and the events stay pending in the outbox.
     */
    private static void closeWithinLimit(PubSubClients clients) {
        try {
            CompletableFuture.runAsync(clients::close).get(PUBSUB_CLOSE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn(
                    "Pub/Sub clients still closing after {} s, publishes in flight; exiting without them, their"
                            + " events stay pending in the outbox",
                    PUBSUB_CLOSE_SECONDS);
        } catch (ExecutionException e) {
            log.warn("Pub/Sub clients failed to close: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
