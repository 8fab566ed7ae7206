package dev.matchflow.pubsub.embedded;

import com.google.pubsub.v1.Topic;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A topic and the subscriptions attached to it. */
final class TopicState {

    private final List<SubscriptionState> subscriptions = new CopyOnWriteArrayList<>();
    private volatile Topic config;

    TopicState(Topic config) {
        this.config = config;
    }

    Topic config() {
        return config;
    }

    void updateConfig(Topic updated) {
        config = updated;
    }

    List<SubscriptionState> subscriptions() {
        return subscriptions;
    }

    void attach(SubscriptionState subscription) {
        subscriptions.add(subscription);
    }

    void detach(SubscriptionState subscription) {
        subscriptions.remove(subscription);
    }
}
