package dev.matchflow.pubsub.embedded.rest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The REST form served by the gateway on the shared port, in front of Google's emulator's gRPC API. */
class RestFormOnGoogleEmulatorTest extends RestFormContract {

    private static EmulatorBehindSharedPort pubsub;

    @BeforeAll
    static void startEmulatorBehindTheSharedPort() {
        pubsub = EmulatorBehindSharedPort.start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (pubsub != null) {
            pubsub.close();
        }
    }

    @Override
    int port() {
        return pubsub.port();
    }
}
