package dev.matchflow.pubsub;

import dev.matchflow.pubsub.embedded.EmbeddedPubSubServer;

/** The conformance suite against the embedded server, on a free loopback port, with no behaviour skipped. */
class EmbeddedConformanceTest extends PubSubConformanceTest {

    private EmbeddedPubSubServer server;

    @Override
    protected String startBackend() {
        server = EmbeddedPubSubServer.builder().port(0).build().start();
        return server.endpoint();
    }

    @Override
    protected void stopBackend() {
        if (server != null) {
            server.close();
        }
    }
}
