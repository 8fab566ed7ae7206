package dev.matchflow.pubsub.embedded;

/**
 * Receives what happens to messages in a {@link Broker}. Called on one dispatcher thread, off the request path, in
 * the order the events happened; an exception thrown here is logged and does not stop later events.
 */
@FunctionalInterface
public interface BrokerListener {

    void onEvent(BrokerEvent event);
}
