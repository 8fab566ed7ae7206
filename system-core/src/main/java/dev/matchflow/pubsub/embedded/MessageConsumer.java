package dev.matchflow.pubsub.embedded;

import io.grpc.Status;

/** Something that takes messages from a subscription: a streaming pull, a waiting pull or a push endpoint. */
interface MessageConsumer {

    /** Takes what it can of the subscription's ready messages; called whenever some may have become available. */
    void wake();

    /** Ends the delivery: the subscription was deleted or the server is stopping. */
    void close(Status status);
}
