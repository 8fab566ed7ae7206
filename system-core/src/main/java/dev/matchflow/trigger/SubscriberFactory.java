package dev.matchflow.trigger;

import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Subscriber;

/** Builds a Pub/Sub subscriber for a subscription id, wired to whatever backend the caller configured. */
@FunctionalInterface
public interface SubscriberFactory {

    /** A subscriber, not yet started, that hands every message of {@code subscription} to {@code receiver}. */
    Subscriber create(String subscription, MessageReceiver receiver);
}
