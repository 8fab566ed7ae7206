package dev.matchflow.usermatch;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Topics, subscriptions and publishers on a Pub/Sub emulator, and the messages a subscription received. What it
 * hands out is the caller's to close.
 */
final class TestPubSub implements AutoCloseable {

    static final String PROJECT = PubSubPublishers.DEFAULT_EMULATOR_PROJECT;

    private final String endpoint;
    private final ManagedChannel channel;
    private final TopicAdminClient topics;
    private final SubscriptionAdminClient subscriptions;

    private TestPubSub(String endpoint, ManagedChannel channel) throws IOException {
        this.endpoint = endpoint;
        this.channel = channel;
        TransportChannelProvider transport = transport(channel);
        this.topics = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(transport)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
        this.subscriptions = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(transport)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
    }

    /** Clients for the emulator at {@code endpoint} ({@code host:port}). */
    static TestPubSub at(String endpoint) {
        ManagedChannel channel =
                ManagedChannelBuilder.forTarget(endpoint).usePlaintext().build();
        try {
            return new TestPubSub(endpoint, channel);
        } catch (IOException e) {
            channel.shutdownNow();
            throw new UncheckedIOException(e);
        }
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
    Received topicWithSubscription(String id) {
        TopicName topic = TopicName.of(PROJECT, id);
        topics.createTopic(topic);
        SubscriptionName subscription = SubscriptionName.of(PROJECT, id + "-test");
        subscriptions.createSubscription(Subscription.newBuilder()
                .setName(subscription.toString())
                .setTopic(topic.toString())
                .setAckDeadlineSeconds(60)
                .setEnableMessageOrdering(true)
                .build());
        Received received = new Received(id);
        received.start(subscription, transport(channel));
        return received;
    }

    /**
     * The publisher User-Match builds from its environment, for {@code topic} on the emulator reached at {@code
     * publishEndpoint}, which may be a port where nothing listens.
     */
    PubSubPublishers publishers(String publishEndpoint, String topic, RelaySettings relay) {
        return PubSubPublishers.fromEnvironment(
                Map.of("PUBSUB_EMULATOR_HOST", publishEndpoint, "PUBSUB_TOPIC", topic), relay);
    }

    /** The publisher for {@code topic} on this emulator. */
    PubSubPublishers publishers(String topic, RelaySettings relay) {
        return publishers(endpoint, topic, relay);
    }

    @Override
    public void close() throws InterruptedException {
        topics.close();
        subscriptions.close();
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    private static TransportChannelProvider transport(ManagedChannel channel) {
        return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
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

        private void start(SubscriptionName subscription, TransportChannelProvider transport) {
            subscriber = Subscriber.newBuilder(subscription.toString(), this)
                    .setChannelProvider(transport)
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .build();
            subscriber.startAsync().awaitRunning();
        }
    }
}
