package dev.matchflow.bench;

import dev.matchflow.pubsub.GoogleEmulator;
import dev.matchflow.pubsub.PubSubBackend;
import dev.matchflow.pubsub.embedded.EmbeddedPubSubServer;

/** Starts the backends the benchmark compares, each on a free 127.0.0.1 port. */
final class BenchBackends {

    private BenchBackends() {}

    /** A started backend: where clients reach it and how to stop it. */
    record Running(String endpoint, Runnable stop) implements AutoCloseable {
        @Override
        public void close() {
            stop.run();
        }
    }

    static Running start(PubSubBackend backend) {
        return switch (backend) {
            case GOOGLE_EMULATOR -> startGoogleEmulator();
            case EMBEDDED -> startEmbedded();
            default ->
                throw new IllegalArgumentException(
                        "The benchmark compares embedded and google-emulator; it cannot start " + backend + ".");
        };
    }

    private static Running startEmbedded() {
        EmbeddedPubSubServer server =
                EmbeddedPubSubServer.builder().port(0).build().start();
        return new Running(server.endpoint(), server::close);
    }

    private static Running startGoogleEmulator() {
        GoogleEmulator emulator = GoogleEmulator.find().start();
        return new Running(emulator.endpoint(), emulator::close);
    }
}
