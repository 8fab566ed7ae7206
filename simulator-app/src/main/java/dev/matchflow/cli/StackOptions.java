package dev.matchflow.cli;

import dev.matchflow.db.DatabaseSettings;
import dev.matchflow.pubsub.PubSubBackend;
import dev.matchflow.pubsub.PubSubTopology;
import dev.matchflow.stack.StackSettings;
import dev.matchflow.usermatch.UserMatchSettings;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every command that starts a {@code SystemStack} shares. Each falls back on the environment variable
 * the deployed services read, then on the embedded defaults: embedded Pub/Sub, a fresh in-memory H2 database.
 */
final class StackOptions {

    @Option(
            names = "--pubsub",
            paramLabel = "BACKEND",
            description = "Pub/Sub backend: embedded (default), google-emulator, container, external"
                    + " (PUBSUB_EMULATOR_HOST) or gcp.")
    private String pubsub;

    @Option(
            names = "--database",
            paramLabel = "URL",
            description = "JDBC URL of a MySQL or MariaDB database (default: DATABASE_URL, else in-memory H2),"
                    + " for example jdbc:mariadb://root@127.0.0.1:3306/test.")
    private String database;

    @Option(
            names = "--project",
            paramLabel = "ID",
            description = "Google Cloud project of the topic and subscriptions (default: GCP_PROJECT_ID,"
                    + " else the emulator's default).")
    private String project;

    @Option(
            names = "--topic",
            paramLabel = "NAME",
            description = "The event topic (default: PUBSUB_TOPIC, else POOL_EVENTS_TOPIC, else user_left_pool).")
    private String topic;

    @Option(
            names = "--time-scale",
            paramLabel = "FACTOR",
            description = "How many times faster than real time the embedded Pub/Sub server runs retry backoffs"
                    + " (default: 1).")
    private Double timeScale;

    /**
     * The stack settings these options and {@code environment} describe.
     *
     * @throws IllegalArgumentException when a value is not valid, saying which and what is expected
     * @throws IllegalStateException when {@code ENABLE_EVENT_PUBLISHING} is neither true nor false
     */
    StackSettings settings(Map<String, String> environment) {
        StackSettings settings = StackSettings.defaults();
        settings = withBackend(settings, environment);
        settings = settings.withDatabase(databaseSettings(environment));
        Optional<String> projectId = Optional.ofNullable(project).or(() -> setting(environment, "GCP_PROJECT_ID"));
        if (projectId.isPresent()) {
            settings = settings.withProjectId(projectId.get());
        }
        settings = settings.withTopic(
                topic != null
                        ? topic
                        : PubSubTopology.fromEnvironment(environment).topic());
        if (timeScale != null) {
            settings = settings.withTimeScale(timeScale);
        }
        return settings.withPublishingEnabled(UserMatchSettings.publishingEnabled(environment));
    }

    private StackSettings withBackend(StackSettings settings, Map<String, String> environment) {
        PubSubBackend backend = pubsub == null ? PubSubBackend.EMBEDDED : PubSubBackend.parse(pubsub);
        if (backend != PubSubBackend.EXTERNAL) {
            return settings.withPubSub(backend);
        }
        String endpoint = setting(environment, "PUBSUB_EMULATOR_HOST")
                .orElseThrow(() -> new IllegalArgumentException(
                        "--pubsub external needs PUBSUB_EMULATOR_HOST=host:port of the emulator to use"));
        return settings.withExternalEmulator(endpoint);
    }

    private DatabaseSettings databaseSettings(Map<String, String> environment) {
        if (database == null || database.isBlank()) {
            return DatabaseSettings.fromEnvironment(environment);
        }
        return DatabaseSettings.of(
                database.trim(), environment.get("DATABASE_USER"), environment.get("DATABASE_PASSWORD"));
    }

    private static Optional<String> setting(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
