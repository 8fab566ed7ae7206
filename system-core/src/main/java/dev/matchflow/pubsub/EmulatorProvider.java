package dev.matchflow.pubsub;

/**
 * Starts an emulator for a backend that this module cannot start by itself, such as Google's emulator image in a
 * container, which needs Testcontainers. Providers are found with {@link java.util.ServiceLoader}: a module that
 * offers one lists its class in {@code META-INF/services/dev.matchflow.pubsub.EmulatorProvider}.
 */
public interface EmulatorProvider {

    /** The backend this provider starts. */
    PubSubBackend backend();

    /**
     * Starts the emulator and returns once it answers.
     *
     * @throws IllegalStateException when it cannot start here, saying why (for example, no Docker engine)
     */
    RunningEmulator start();

    /** An emulator that runs until it is closed. */
    interface RunningEmulator extends AutoCloseable {

        /** Where clients reach it, {@code host:port}. */
        String endpoint();

        @Override
        void close();
    }
}
