package dev.matchflow.console.letters;

import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Subscription;
import dev.matchflow.console.StackAttachment;
import dev.matchflow.pubsub.PubSubClients;
import dev.matchflow.stack.SystemStack;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the payloads of the last {@link #CAPACITY} messages on the event topic, through a subscription of the
 * console's own beside the trigger's: the stack's feed reports what happened to a message, not what it carried.
 * The subscription is deleted when the stack stops.
 */
public final class PayloadTap implements StackAttachment {

    static final int CAPACITY = 20_000;

    private static final Logger log = LoggerFactory.getLogger(PayloadTap.class);

    private final Map<String, Payload> payloads = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Payload> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The payload of the message with this id, while it is among the last ones kept. */
    public Optional<Payload> payloadOf(String messageId) {
        synchronized (payloads) {
            return Optional.ofNullable(payloads.get(messageId));
        }
    }

    @Override
    public AutoCloseable attach(SystemStack stack) {
        synchronized (payloads) {
            payloads.clear();
        }
        PubSubClients clients = stack.pubsubClients();
        String subscriptionId =
                "console-payloads-" + UUID.randomUUID().toString().substring(0, 8);
        String subscription = clients.subscriptionName(subscriptionId).toString();
        clients.subscriptionAdmin()
                .createSubscription(Subscription.newBuilder()
                        .setName(subscription)
                        .setTopic(clients.topicName(stack.settings().topic()).toString())
                        .setAckDeadlineSeconds(60)
                        .build());
        Subscriber subscriber = clients.subscriber(subscriptionId, this::received);
        subscriber.startAsync().awaitRunning();
        return () -> stop(clients, subscriber, subscription);
    }

    private void received(PubsubMessage message, AckReplyConsumer reply) {
        Payload payload = new Payload(
                message.getMessageId(),
                message.getData().toString(StandardCharsets.UTF_8),
                message.getAttributesMap(),
                message.getOrderingKey());
        synchronized (payloads) {
            payloads.put(payload.messageId(), payload);
        }
        reply.ack();
    }

    private static void stop(PubSubClients clients, Subscriber subscriber, String subscription) {
        try {
            subscriber.stopAsync().awaitTerminated(5, TimeUnit.SECONDS);
            clients.subscriptionAdmin().deleteSubscription(subscription);
        } catch (TimeoutException | RuntimeException e) {
            log.debug("the console's payload subscription {} did not go cleanly: {}", subscription, e.toString());
        }
    }
}
