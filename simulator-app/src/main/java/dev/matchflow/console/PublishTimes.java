package dev.matchflow.console;

import dev.matchflow.pubsub.embedded.BrokerEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When the embedded Pub/Sub server took each message of the event topic. The outbox records a publish only once
 * the relay has heard back, often after the message was already delivered; the server's own time puts the publish
 * before the delivery, where it happened. The last {@link #CAPACITY} messages are kept.
 */
final class PublishTimes {

    static final int CAPACITY = 50_000;

    private final String topicSuffix;
    private final Map<String, Instant> times = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > CAPACITY;
        }
    };

    PublishTimes(String topic) {
        this.topicSuffix = "/topics/" + topic;
    }

    /** Notes a publish to the event topic; other broker events are ignored. */
    void record(BrokerEvent event) {
        if (event.kind() == BrokerEvent.Kind.PUBLISHED && event.topic().endsWith(topicSuffix)) {
            synchronized (times) {
                times.put(event.messageId(), event.at());
            }
        }
    }

    /** When the server took the message with this id, if it was seen. */
    Optional<Instant> of(String messageId) {
        synchronized (times) {
            return Optional.ofNullable(times.get(messageId));
        }
    }
}
