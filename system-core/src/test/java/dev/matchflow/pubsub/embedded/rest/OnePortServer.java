package dev.matchflow.pubsub.embedded.rest;

import dev.matchflow.pubsub.embedded.EmbeddedPubSubServer;

/**
 * A Pub/Sub server that serves gRPC and the REST form on one loopback port, started for a test: the embedded server,
 * or Google's emulator behind the shared port (skipped where the emulator is not installed).
 *
 * @param port the port that serves both forms
 * @param running what closing stops
 */
record OnePortServer(int port, AutoCloseable running) implements AutoCloseable {

    static OnePortServer embedded() {
        EmbeddedPubSubServer server =
                EmbeddedPubSubServer.builder().port(0).build().start();
        return new OnePortServer(server.port(), server);
    }

    static OnePortServer googleEmulatorBehindSharedPort() {
        EmulatorBehindSharedPort emulator = EmulatorBehindSharedPort.start();
        return new OnePortServer(emulator.port(), emulator);
    }

    @Override
    public void close() throws Exception {
        running.close();
    }
}
