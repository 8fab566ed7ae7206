package dev.matchflow.pubsub.embedded.rest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.matchflow.pubsub.GoogleEmulator;
import dev.matchflow.pubsub.GoogleEmulatorLocator;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Google's Pub/Sub emulator with the shared port in front of it: gRPC connections relayed to the emulator, REST
 * requests translated into gRPC calls on it. Tests that start it are skipped where the emulator is not installed.
 */
final class EmulatorBehindSharedPort implements AutoCloseable {

    private final GoogleEmulator emulator;
    private final ManagedChannel channel;
    private final SharedPortListener listener;

    private EmulatorBehindSharedPort(GoogleEmulator emulator, ManagedChannel channel, SharedPortListener listener) {
        this.emulator = emulator;
        this.channel = channel;
        this.listener = listener;
    }

    static EmulatorBehindSharedPort start() {
        GoogleEmulatorLocator.Lookup lookup = GoogleEmulator.find();
        assumeTrue(lookup.isInstalled(), lookup::reason);
        GoogleEmulator emulator = lookup.start();
        ManagedChannel channel = ManagedChannelBuilder.forTarget(emulator.endpoint())
                .usePlaintext()
                .build();
        SharedPortListener listener = SharedPortListener.start(
                "127.0.0.1", 0, new InetSocketAddress("127.0.0.1", emulator.port()), new RestGateway(channel));
        return new EmulatorBehindSharedPort(emulator, channel, listener);
    }

    /** The shared port. */
    int port() {
        return listener.port();
    }

    /** The emulator's own port, which serves its own REST form too. */
    int emulatorPort() {
        return emulator.port();
    }

    @Override
    public void close() throws InterruptedException {
        listener.close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        emulator.close();
    }
}
