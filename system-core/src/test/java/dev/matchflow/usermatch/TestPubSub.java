package dev.matchflow.usermatch;

import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Subscription;
import dev.matchflow.pubsub.PubSubClients;
import dev.matchflow.pubsub.embedded.EmbeddedPubSubServer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Topics, subscriptions and event publishers on a Pub/Sub emulator, and the messages a subscription received.
 * Publishers are shut down with it, and so is the embedded server it started.
 */
final class TestPubSub implements AutoCloseable {

    private final PubSubClients clients;
    private final Optional<EmbeddedPubSubServer> server;

    private TestPubSub(PubSubClients clients, Optional<EmbeddedPubSubServer> server) {
        this.clients = clients;
        this.server = server;
    }

    /** A new embedded Pub/Sub server on a free loopback port, and clients of it. */
    static TestPubSub embedded() {
        EmbeddedPubSubServer server =
                EmbeddedPubSubServer.builder().port(0).build().start();
        return new TestPubSub(
                PubSubClients.forEmulator(PubSubClients.DEFAULT_EMULATOR_PROJECT, server.endpoint()),
                Optional.of(server));
    }

    /** Clients of the emulator reached at {@code endpoint} ({@code host:port}), which may be down. */
    static TestPubSub at(String endpoint) {
        return new TestPubSub(
                PubSubClients.forEmulator(PubSubClients.DEFAULT_EMULATOR_PROJECT, endpoint), Optional.empty());
    }

    /** The port of the embedded server this started. */
    int port() {
        return server.orElseThrow(() -> new IllegalStateException("these clients reach a server started elsewhere"))
                .port();
    }

    /** A topic name no other test uses. */
    static String uniqueTopic() {
        return "user_left_pool-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new topic with a unique name, and an ordered subscription that receives from it from now on. */
    Received newTopicWithSubscription() {
        return topicWithSubscription(uniqueTopic());
    }

    /** Creates the topic, and an ordered subscription that receives from it from now on. */
    Received topicWithSubscription(String topic) {
        clients.topicAdmin().createTopic(clients.topicName(topic));
        String subscription = topic + "-test";
        clients.subscriptionAdmin()
                .createSubscription(Subscription.newBuilder()
                        .setName(clients.subscriptionName(subscription).toString())
                        .setTopic(clients.topicName(topic).toString())
                        .setAckDeadlineSeconds(60)
                        .setEnableMessageOrdering(true)
                        .build());
        Received received = new Received(topic);
        received.subscriber = clients.subscriber(subscription, received);
        received.subscriber.startAsync().awaitRunning();
        return received;
    }

    /** User-Match's event publisher for {@code topic}. */
    EventPublisher publisher(String topic, RelaySettings relay) {
        return PubSubEventPublisher.create(clients, topic, relay);
    }

    @Override
    public void close() {
        clients.close();
        server.ifPresent(EmbeddedPubSubServer::close);
    }

    /** What a test subscription received, each message acknowledged as it arrived. */
    static final class Received implements MessageReceiver, AutoCloseable {

        private final String topic;
        private final List<PubsubMessage> messages = new CopyOnWriteArrayList<>();
        private Subscriber subscriber;

        private Received(String topic) {
            this.topic = topic;
        }

        /** The id of the topic the subscription receives from. */
        String topic() {
            return topic;
        }

        /** The messages received so far, in the order they arrived. */
        List<PubsubMessage> messages() {
            return List.copyOf(messages);
        }

        @Override
        public void receiveMessage(PubsubMessage message, AckReplyConsumer reply) {
            messages.add(message);
            reply.ack();
        }

        @Override
        public void close() {
            subscriber.stopAsync().awaitTerminated();
        }
    }
}
