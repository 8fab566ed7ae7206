package dev.matchflow.trigger;

import static org.awaitility.Awaitility.await;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import dev.matchflow.cleanup.LoopbackPorts;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Google's Pub/Sub emulator from the installed Cloud SDK, started as a child process on a free loopback port, with
 * official clients on a plaintext channel and no credentials.
 *
 * <p>A stand-in for the product's client factory, which lives with the Pub/Sub backends; tests that only need a
 * real emulator use this until they can share that factory.
 */
final class GoogleEmulatorForTests implements AutoCloseable {

    static final String PROJECT = "matchflow-local";

    private static final Path LAUNCHER =
            Path.of("/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator");

    private final Process process;
    private final ManagedChannel channel;
    private final TransportChannelProvider channels;
    private final CredentialsProvider noCredentials = NoCredentialsProvider.create();

    private GoogleEmulatorForTests(Process process, int port) {
        this.process = process;
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .build();
        this.channels = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    }

    static boolean isInstalled() {
        return Files.isExecutable(LAUNCHER);
    }

    /** Starts the emulator and waits until it accepts connections. */
    static GoogleEmulatorForTests start() throws IOException {
        int port = LoopbackPorts.unused();
        Path log = Path.of("target", "pubsub-emulator-" + port + ".log");
        Process process = new ProcessBuilder(LAUNCHER.toString(), "--host=127.0.0.1", "--port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await("the Pub/Sub emulator on port " + port + " (log: " + log + ")")
                .atMost(Duration.ofSeconds(60))
                .until(() -> process.isAlive() && accepts(port));
        return new GoogleEmulatorForTests(process, port);
    }

    /** Creates a topic and a subscription on it, ordered by key, as the product's topology does. */
    void createTopicAndSubscription(String topic, String subscription) throws IOException {
        try (TopicAdminClient topics = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                        .setTransportChannelProvider(channels)
                        .setCredentialsProvider(noCredentials)
                        .build());
                SubscriptionAdminClient subscriptions =
                        SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                                .setTransportChannelProvider(channels)
                                .setCredentialsProvider(noCredentials)
                                .build())) {
            topics.createTopic(TopicName.of(PROJECT, topic));
            subscriptions.createSubscription(Subscription.newBuilder()
                    .setName(ProjectSubscriptionName.format(PROJECT, subscription))
                    .setTopic(TopicName.format(PROJECT, topic))
                    .setPushConfig(PushConfig.getDefaultInstance())
                    .setAckDeadlineSeconds(10)
                    .setEnableMessageOrdering(true)
                    .build());
        }
    }

    /** Publishes one message and answers its id. */
    String publish(String topic, PubsubMessage message) throws Exception {
        Publisher publisher = Publisher.newBuilder(TopicName.of(PROJECT, topic))
                .setChannelProvider(channels)
                .setCredentialsProvider(noCredentials)
                .setEnableMessageOrdering(true)
                .build();
        try {
            return publisher.publish(message).get(30, TimeUnit.SECONDS);
        } finally {
            publisher.shutdown();
            publisher.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /** Subscribers on this emulator, in the shape the trigger takes. */
    Subscriber subscriber(String subscription, MessageReceiver receiver) {
        return Subscriber.newBuilder(ProjectSubscriptionName.of(PROJECT, subscription), receiver)
                .setChannelProvider(channels)
                .setCredentialsProvider(noCredentials)
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(10, TimeUnit.SECONDS);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
