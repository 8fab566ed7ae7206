package dev.matchflow.pubsub.embedded.rest;

/** The REST form on the embedded server's port, next to its gRPC API. */
class RestFormOnEmbeddedTest extends RestFormContract {

    @Override
    OnePortServer startServer() {
        return OnePortServer.embedded();
    }
}
