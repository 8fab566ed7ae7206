package dev.matchflow.stack;

import dev.matchflow.pubsub.EmulatorProvider;
import dev.matchflow.pubsub.GoogleEmulator;
import dev.matchflow.pubsub.PubSubBackend;
import dev.matchflow.pubsub.PubSubClients;
import dev.matchflow.pubsub.embedded.Broker;
import dev.matchflow.pubsub.embedded.EmbeddedPubSubServer;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pub/Sub backend of a stack, started as its settings say, with the clients that talk to it. Only the embedded
 * server can be looked into ({@link #broker()}); every other backend is reached as Pub/Sub clients reach it.
 */
final class PubSubRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PubSubRuntime.class);

    private final PubSubBackend backend;
    private final PubSubClients clients;
    private final Optional<EmbeddedPubSubServer> embedded;
    private final Optional<EmulatorProvider.RunningEmulator> emulator;

    private PubSubRuntime(
            PubSubBackend backend,
            PubSubClients clients,
            Optional<EmbeddedPubSubServer> embedded,
            Optional<EmulatorProvider.RunningEmulator> emulator) {
        this.backend = backend;
        this.clients = clients;
        this.embedded = embedded;
        this.emulator = emulator;
    }

    /**
     * Starts the backend (or connects to it) and provisions the stack's topology on it.
     *
     * @throws IllegalStateException when the backend cannot run here, saying why and what to do
     */
    static PubSubRuntime start(StackSettings settings) {
        PubSubRuntime runtime = connect(settings);
        try {
            settings.topology().provision(runtime.clients);
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw new IllegalStateException(
                    "could not create the topic and subscriptions on the " + settings.pubsub() + " Pub/Sub backend: "
                            + e.getMessage(),
                    e);
        }
    }

    private static PubSubRuntime connect(StackSettings settings) {
        String project = settings.projectId();
        return switch (settings.pubsub()) {
            case EMBEDDED -> embedded(settings);
            case GOOGLE_EMULATOR -> emulated(settings, GoogleEmulator.find().start());
            case CONTAINER -> emulated(settings, provided(PubSubBackend.CONTAINER));
            case EXTERNAL -> {
                String endpoint = settings.emulatorEndpoint().orElseThrow();
                yield new PubSubRuntime(
                        PubSubBackend.EXTERNAL,
                        PubSubClients.forEmulator(project, endpoint),
                        Optional.empty(),
                        Optional.empty());
            }
            case GCP ->
                new PubSubRuntime(
                        PubSubBackend.GCP, PubSubClients.forGoogleCloud(project), Optional.empty(), Optional.empty());
        };
    }

    private static PubSubRuntime embedded(StackSettings settings) {
        EmbeddedPubSubServer server = EmbeddedPubSubServer.builder()
                .port(settings.pubsubPort())
                .timeScale(settings.timeScale())
                .build()
                .start();
        PubSubClients clients = PubSubClients.forEmulator(settings.projectId(), server.endpoint());
        return new PubSubRuntime(PubSubBackend.EMBEDDED, clients, Optional.of(server), Optional.empty());
    }

    private static PubSubRuntime emulated(StackSettings settings, EmulatorProvider.RunningEmulator emulator) {
        if (settings.timeScale() != 1.0) {
            log.warn(
                    "time scale {} applies to the embedded Pub/Sub server only; the {} backend runs retries in real"
                            + " time",
                    settings.timeScale(),
                    settings.pubsub());
        }
        PubSubClients clients = PubSubClients.forEmulator(settings.projectId(), emulator.endpoint());
        return new PubSubRuntime(settings.pubsub(), clients, Optional.empty(), Optional.of(emulator));
    }

    private static EmulatorProvider.RunningEmulator provided(PubSubBackend backend) {
        return ServiceLoader.load(EmulatorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider.backend() == backend)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no provider of the " + backend
                        + " Pub/Sub backend is on the classpath; it comes with the containers module"
                        + " (Testcontainers), or choose another backend: " + PubSubBackend.validNames()))
                .start();
    }

    PubSubBackend backend() {
        return backend;
    }

    PubSubClients clients() {
        return clients;
    }

    /** Where clients reach the backend, {@code host:port}, or {@code pubsub.googleapis.com} for Google Cloud. */
    String endpoint() {
        return clients.emulatorEndpoint().orElse("pubsub.googleapis.com");
    }

    /** The embedded server's broker, for introspection; empty for every other backend. */
    Optional<Broker> broker() {
        return embedded.map(EmbeddedPubSubServer::broker);
    }

    /** Closes the clients, then stops whatever this runtime started. */
    @Override
    public void close() {
        clients.close();
        embedded.ifPresent(EmbeddedPubSubServer::close);
        emulator.ifPresent(EmulatorProvider.RunningEmulator::close);
    }
}
