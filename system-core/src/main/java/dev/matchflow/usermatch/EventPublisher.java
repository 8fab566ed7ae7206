package dev.matchflow.usermatch;

import dev.matchflow.events.EncodedEvent;
import java.util.concurrent.CompletableFuture;

/** Where User-Match sends the events it has stored: Pub/Sub in every deployment ({@link PubSubEventPublisher}). */
public interface EventPublisher {

    /**
     * Starts publishing the message with its attributes and ordering key. Messages with one ordering key are
     * published in the order of the calls.
     *
     * @return completes with the id the server gave the message, or exceptionally when the publisher gave up on
     *     it; it may stay incomplete for as long as the publisher keeps retrying
     */
    CompletableFuture<String> publish(EncodedEvent event);
}
