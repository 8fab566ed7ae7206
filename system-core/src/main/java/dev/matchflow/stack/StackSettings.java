package dev.matchflow.stack;

import dev.matchflow.cleanup.CleanupSettings;
import dev.matchflow.db.DatabaseSettings;
import dev.matchflow.pubsub.PubSubBackend;
import dev.matchflow.pubsub.PubSubClients;
import dev.matchflow.pubsub.PubSubTopology;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a {@link SystemStack} runs: where its messages and rows live, and how fast simulated time passes.
 *
 * <p>The defaults ({@link #defaults()}) need nothing installed: the embedded Pub/Sub server, a private in-memory H2
 * database, every endpoint on a free 127.0.0.1 port, publishing enabled, real time.
 *
 * @param pubsub which Pub/Sub backend carries the events
 * @param emulatorEndpoint {@code host:port} of the emulator for {@link PubSubBackend#EXTERNAL}; empty otherwise
 * @param projectId the Google Cloud project of the topic and subscriptions
 * @param topic the event topic; the subscriptions and the dead-letter topic are named after it
 * @param database where the services' tables are
 * @param publishingEnabled false to start User-Match as {@code ENABLE_EVENT_PUBLISHING=false} does
 * @param timeScale how many times faster than real time the embedded Pub/Sub server runs retry backoffs; other
 *     backends always run in real time
 * @param pubsubPort the embedded server's port, 0 for a free one
 * @param faultSeed where the random choices of faults come from; the same seed repeats them
 * @param matchesTimeout how long the cleanup function waits for Matches' answer before the delivery counts as failed
 */
public record StackSettings(
        PubSubBackend pubsub,
        Optional<String> emulatorEndpoint,
        String projectId,
        String topic,
        DatabaseSettings database,
        boolean publishingEnabled,
        double timeScale,
        int pubsubPort,
        long faultSeed,
        Duration matchesTimeout) {

    public StackSettings {
        Objects.requireNonNull(pubsub, "pubsub");
        Objects.requireNonNull(emulatorEndpoint, "emulatorEndpoint");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(database, "database");
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException(
                    "time scale " + timeScale + " must be a positive number, 1 for real time");
        }
        if (pubsubPort < 0 || pubsubPort > 65_535) {
            throw new IllegalArgumentException(
                    "Pub/Sub port " + pubsubPort + " is outside 0..65535; 0 picks a free one");
        }
        if (pubsub == PubSubBackend.EXTERNAL && emulatorEndpoint.isEmpty()) {
            throw new IllegalArgumentException("the external Pub/Sub backend needs the emulator's host:port;"
                    + " set PUBSUB_EMULATOR_HOST or pass the endpoint");
        }
        PubSubTopology.forTopic(topic);
        Objects.requireNonNull(matchesTimeout, "matchesTimeout");
        if (matchesTimeout.isNegative() || matchesTimeout.isZero()) {
            throw new IllegalArgumentException("Matches timeout " + matchesTimeout + " must be positive");
        }
    }

    /**
     * The embedded Pub/Sub server, a fresh in-memory database, publishing on, real time, fault seed 0, and the
     * function's default wait for Matches.
     */
    public static StackSettings defaults() {
        return new StackSettings(
                PubSubBackend.EMBEDDED,
                Optional.empty(),
                PubSubClients.DEFAULT_EMULATOR_PROJECT,
                PubSubTopology.DEFAULT_TOPIC,
                DatabaseSettings.inMemory(),
                true,
                1.0,
                0,
                0,
                CleanupSettings.DEFAULT_REQUEST_TIMEOUT);
    }

    public StackSettings withPubSub(PubSubBackend newPubSub) {
        return edited(copy -> copy.pubsub = newPubSub);
    }

    /** The external backend, at the emulator on {@code endpoint} ({@code host:port}). */
    public StackSettings withExternalEmulator(String endpoint) {
        return edited(copy -> {
            copy.pubsub = PubSubBackend.EXTERNAL;
            copy.emulatorEndpoint = Optional.of(endpoint);
        });
    }

    public StackSettings withProjectId(String newProjectId) {
        return edited(copy -> copy.projectId = newProjectId);
    }

    public StackSettings withTopic(String newTopic) {
        return edited(copy -> copy.topic = newTopic);
    }

    public StackSettings withDatabase(DatabaseSettings newDatabase) {
        return edited(copy -> copy.database = newDatabase);
    }

    public StackSettings withPublishingEnabled(boolean enabled) {
        return edited(copy -> copy.publishingEnabled = enabled);
    }

    public StackSettings withTimeScale(double newTimeScale) {
        return edited(copy -> copy.timeScale = newTimeScale);
    }

    public StackSettings withPubSubPort(int newPort) {
        return edited(copy -> copy.pubsubPort = newPort);
    }

    public StackSettings withFaultSeed(long newFaultSeed) {
        return edited(copy -> copy.faultSeed = newFaultSeed);
    }

    public StackSettings withMatchesTimeout(Duration newMatchesTimeout) {
        return edited(copy -> copy.matchesTimeout = newMatchesTimeout);
    }

    /** The topic, subscriptions and dead-letter topic the stack provisions. */
    public PubSubTopology topology() {
        return PubSubTopology.forTopic(topic);
    }

    private StackSettings edited(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.settings();
    }

    /** The settings' values, open to change for one {@code with...} call, then checked again as new settings. */
    private static final class Copy {

        private PubSubBackend pubsub;
        private Optional<String> emulatorEndpoint;
        private String projectId;
        private String topic;
        private DatabaseSettings database;
        private boolean publishingEnabled;
        private double timeScale;
        private int pubsubPort;
        private long faultSeed;
        private Duration matchesTimeout;

        private Copy(StackSettings settings) {
            pubsub = settings.pubsub;
            emulatorEndpoint = settings.emulatorEndpoint;
            projectId = settings.projectId;
            topic = settings.topic;
            database = settings.database;
            publishingEnabled = settings.publishingEnabled;
            timeScale = settings.timeScale;
            pubsubPort = settings.pubsubPort;
            faultSeed = settings.faultSeed;
            matchesTimeout = settings.matchesTimeout;
        }

        private StackSettings settings() {
            return new StackSettings(
                    pubsub,
                    emulatorEndpoint,
                    projectId,
                    topic,
                    database,
                    publishingEnabled,
                    timeScale,
                    pubsubPort,
                    faultSeed,
                    matchesTimeout);
        }
    }
}
