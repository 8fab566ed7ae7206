package dev.matchflow.pubsub.embedded;

/** A subscription's copy of a published message, with the number of times it has been delivered. */
final class QueuedMessage {

    private final StoredMessage stored;
    private int deliveryAttempts;

    QueuedMessage(StoredMessage stored) {
        this.stored = stored;
    }

    StoredMessage stored() {
        return stored;
    }

    String orderingKey() {
        return stored.message().getOrderingKey();
    }

    int deliveryAttempts() {
        return deliveryAttempts;
    }

    int countDelivery() {
        return ++deliveryAttempts;
    }

    /** Takes back a delivery that never reached its consumer. */
    void uncountDelivery() {
        deliveryAttempts--;
    }
}
