package dev.matchflow.containers;

import dev.matchflow.pubsub.EmulatorProvider;
import dev.matchflow.pubsub.PubSubBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.gcloud.PubSubEmulatorContainer;

/**
 * The {@code container} Pub/Sub backend: Google's emulator image ({@link ContainerImages#PUBSUB_EMULATOR_IMAGE}
 * changes which) in a container through Testcontainers, reached on the port Docker maps.
 */
public final class ContainerEmulatorProvider implements EmulatorProvider {

    private static final Logger log = LoggerFactory.getLogger(ContainerEmulatorProvider.class);

    @Override
    public PubSubBackend backend() {
        return PubSubBackend.CONTAINER;
    }

    /**
     * Starts the emulator's container and returns once the emulator has started.
     *
     * @throws IllegalStateException when Docker is not available or the container does not start, saying why
     */
    @Override
    public RunningEmulator start() {
        DockerEngine.whyUnavailable().ifPresent(reason -> {
            throw new IllegalStateException("the container Pub/Sub backend runs Google's emulator image in Docker, but "
                    + reason + "; or choose another backend: " + PubSubBackend.validNames());
        });
        PubSubEmulatorContainer container =
                new PubSubEmulatorContainer(ContainerImages.fromEnvironment().pubsubEmulator());
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw new IllegalStateException(
                    "Google's emulator image " + container.getDockerImageName() + " did not start: " + e.getMessage(),
                    e);
        }
        log.info(
                "Google's Pub/Sub emulator {} runs in container {} at {}",
                container.getDockerImageName(),
                container.getContainerId().substring(0, 12),
                container.getEmulatorEndpoint());
        return new Running(container);
    }

    /** The emulator's container until it is closed. */
    private record Running(PubSubEmulatorContainer container) implements RunningEmulator {

        @Override
        public String endpoint() {
            return container.getEmulatorEndpoint();
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
