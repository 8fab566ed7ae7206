package dev.matchflow.pubsub.embedded.rest;

/** The REST form served by the gateway on the shared port, in front of Google's emulator's gRPC API. */
class RestFormOnGoogleEmulatorTest extends RestFormContract {

    @Override
    OnePortServer startServer() {
        return OnePortServer.googleEmulatorBehindSharedPort();
    }
}
