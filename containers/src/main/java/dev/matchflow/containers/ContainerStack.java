package dev.matchflow.containers;

import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.db.Database;
import dev.matchflow.db.DatabaseSettings;
import dev.matchflow.pubsub.PubSubClients;
import dev.matchflow.security.SharedSecretVerifier;
import dev.matchflow.stack.AttachedStack;
import dev.matchflow.stack.RunningStack;
import dev.matchflow.stack.StackEndpoints;
import dev.matchflow.stack.StackSettings;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.stack.SystemStack;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The whole system in containers, each part started from its image as it would be deployed and configured by the
 * environment variables the deployments use: MySQL and Google's Pub/Sub emulator (a {@link ContainerPlatform}),
 * then Pools, Matches, User-Match, the cleanup function in the Functions Framework and the trigger. It is driven and
 * read like a {@link SystemStack}, through {@link RunningStack}:
 *
 * <pre>{@code
 * try (ContainerStack stack = ContainerStack.start(StackSettings.defaults())) {
 *     StackClient client = StackClient.of(stack);
 *     // ... drive the system through its HTTP APIs ...
 *     stack.awaitQuiescence(Duration.ofSeconds(60));
 * }
 * }</pre>
 *
 * <p>Of the settings it uses the project, the topic and whether User-Match publishes; the database is the platform's
 * MySQL and Pub/Sub its emulator. Fault injection, the flow feed and spans need the parts in one process: they are
 * {@link SystemStack}'s only. The stack's endpoint ({@link StackEndpoints#stack()}) is the trigger's status server.
 */
public final class ContainerStack implements RunningStack {

    private static final Logger log = LoggerFactory.getLogger(ContainerStack.class);
    private static final int PORT = 8080;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    /**
     * The parts start about a third faster with the client compiler only and one GC thread; they serve tests and
     * demonstrations here, where start-up matters more than peak throughput.
     */
    private static final String JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    private final Optional<ContainerPlatform> ownPlatform;
    private final ContainerPlatform platform;
    private final String database;
    private final List<GenericContainer<?>> parts;
    private final AttachedStack attached;

    private ContainerStack(
            Optional<ContainerPlatform> ownPlatform,
            ContainerPlatform platform,
            String database,
            List<GenericContainer<?>> parts,
            AttachedStack attached) {
        this.ownPlatform = ownPlatform;
        this.platform = platform;
        this.database = database;
        this.parts = parts;
        this.attached = attached;
    }

    /**
     * Starts a platform of its own with the images the environment names ({@link ContainerImages#fromEnvironment()})
     * and the system on it; closing the stack stops both.
     *
     * @throws IllegalStateException when Docker is not available or a part does not start, saying which and why
     */
    public static ContainerStack start(StackSettings settings) {
        ContainerPlatform platform = ContainerPlatform.start(ContainerImages.fromEnvironment());
        try {
            return start(Optional.of(platform), platform, settings);
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /**
     * Starts the system on a running platform, in a new database; closing the stack stops its parts and drops the
     * database, and leaves the platform running.
     *
     * @throws IllegalStateException when a part does not start, saying which and why
     */
    public static ContainerStack start(ContainerPlatform platform, StackSettings settings) {
        return start(Optional.empty(), platform, settings);
    }

    private static ContainerStack start(
            Optional<ContainerPlatform> ownPlatform, ContainerPlatform platform, StackSettings settings) {
        long started = System.nanoTime();
        String database = platform.createDatabase();
        migrate(platform, database);
        provision(platform, settings);
        Parts parts = new Parts(platform, settings, database, SharedSecretVerifier.randomSecret());
        try {
            Startables.deepStart(parts.all()).join();
        } catch (RuntimeException e) {
            parts.all().forEach(GenericContainer::stop);
            platform.dropDatabase(database);
            throw new IllegalStateException("the container stack could not start: " + e.getMessage(), e);
        }
        AttachedStack attached = AttachedStack.attach(
                parts.endpoints(platform, settings),
                parts.internalToken,
                platform.databaseFromHost(database),
                parts.url(parts.trigger));
        log.info(
                "container stack ready in {} ms: {}",
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                attached.endpoints());
        return new ContainerStack(ownPlatform, platform, database, parts.all(), attached);
    }

    /** Makes the tables once from here, so that the services find them made instead of waiting on each other. */
    private static void migrate(ContainerPlatform platform, String database) {
        Database.open(platform.databaseFromHost(database)).close();
    }

    /** Creates the topic and subscriptions before any part needs them, as the deploy scripts do in the cloud. */
    private static void provision(ContainerPlatform platform, StackSettings settings) {
        try (PubSubClients clients = PubSubClients.forEmulator(settings.projectId(), platform.emulatorFromHost())) {
            settings.topology().provision(clients);
        }
    }

    @Override
    public StackEndpoints endpoints() {
        return attached.endpoints();
    }

    @Override
    public String internalToken() {
        return attached.internalToken();
    }

    @Override
    public String publishByHand(PubsubMessage message) {
        return attached.publishByHand(message);
    }

    @Override
    public StackSnapshot snapshot() {
        return attached.snapshot();
    }

    @Override
    public SystemStack.Quiescence quiescence() {
        return attached.quiescence();
    }

    /** Stops the parts, the trigger first, drops the database, and stops the platform if the stack started it. */
    @Override
    public synchronized void close() {
        attached.close();
        for (int index = parts.size() - 1; index >= 0; index--) {
            parts.get(index).stop();
        }
        platform.dropDatabase(database);
        ownPlatform.ifPresent(ContainerPlatform::close);
    }

    /** The containers of the system's own parts, configured as their deployments are. */
    private static final class Parts {

        private final String internalToken;
        private final GenericContainer<?> pools;
        private final GenericContainer<?> matches;
        private final GenericContainer<?> userMatch;
        private final GenericContainer<?> function;
        private final GenericContainer<?> trigger;

        Parts(ContainerPlatform platform, StackSettings settings, String database, String internalToken) {
            ContainerImages images = platform.images();
            DatabaseSettings databaseInNetwork = platform.databaseInNetwork(database);
            Map<String, String> pubsub = Map.of(
                    "GCP_PROJECT_ID", settings.projectId(),
                    "PUBSUB_TOPIC", settings.topic(),
                    "PUBSUB_EMULATOR_HOST", platform.emulatorInNetwork());
            this.internalToken = internalToken;
            this.pools = service(platform, images.pools(), "pools", withDatabase(databaseInNetwork, Map.of()));
            this.matches = service(
                    platform,
                    images.matches(),
                    "matches",
                    withDatabase(
                            databaseInNetwork,
                            Map.of("POOLS_SERVICE_URL", inNetwork("pools"), "INTERNAL_TOKEN", internalToken)));
            Map<String, String> userMatchSettings = new HashMap<>(pubsub);
            userMatchSettings.put("POOLS_SERVICE_URL", inNetwork("pools"));
            userMatchSettings.put("ENABLE_EVENT_PUBLISHING", Boolean.toString(settings.publishingEnabled()));
            this.userMatch = service(
                    platform, images.userMatch(), "user-match", withDatabase(databaseInNetwork, userMatchSettings));
            this.function = part(
                    platform,
                    images.function(),
                    "function",
                    Map.of("MATCHES_SERVICE_URL", inNetwork("matches"), "INTERNAL_TOKEN", internalToken),
                    Wait.forLogMessage(".*Serving function.*", 1));
            Map<String, String> triggerSettings = new HashMap<>(pubsub);
            triggerSettings.put("FUNCTION_URL", inNetwork("function") + "/");
            this.trigger = service(platform, images.trigger(), "trigger", triggerSettings);
        }

        List<GenericContainer<?>> all() {
            return List.of(pools, matches, userMatch, function, trigger);
        }

        StackEndpoints endpoints(ContainerPlatform platform, StackSettings settings) {
            return new StackEndpoints(
                    url(userMatch),
                    url(pools),
                    url(matches),
                    URI.create(url(function) + "/"),
                    platform.emulatorFromHost(),
                    settings.projectId(),
                    settings.topic(),
                    url(trigger));
        }

        URI url(GenericContainer<?> part) {
            return URI.create("http://" + part.getHost() + ":" + part.getMappedPort(PORT));
        }

        private static GenericContainer<?> service(
                ContainerPlatform platform, DockerImageName image, String name, Map<String, String> environment) {
            return part(
                    platform, image, name, environment, Wait.forHttp("/healthz").forPort(PORT));
        }

        private static GenericContainer<?> part(
                ContainerPlatform platform,
                DockerImageName image,
                String name,
                Map<String, String> environment,
                WaitStrategy ready) {
            GenericContainer<?> container = new GenericContainer<>(image);
            return container
                    .withNetwork(platform.network())
                    .withNetworkAliases(name)
                    .withEnv(environment)
                    .withEnv("PORT", Integer.toString(PORT))
                    .withEnv("HOST", "0.0.0.0")
                    .withEnv("JAVA_TOOL_OPTIONS", JAVA_OPTIONS)
                    .withExposedPorts(PORT)
                    .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("container." + name)))
                    .waitingFor(ready.withStartupTimeout(START_TIMEOUT));
        }

        private static Map<String, String> withDatabase(DatabaseSettings database, Map<String, String> environment) {
            Map<String, String> all = new HashMap<>(environment);
            all.put("DATABASE_URL", database.jdbcUrl());
            all.put("DATABASE_USER", database.user());
            all.put("DATABASE_PASSWORD", database.password());
            return all;
        }

        private static String inNetwork(String name) {
            return "http://" + name + ":" + PORT;
        }
    }
}
