package dev.matchflow.pubsub.embedded.rest;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The official Pub/Sub Java client over plaintext gRPC to a loopback port, the way it talks to an emulator. */
final class GrpcClients implements AutoCloseable {

    private final ManagedChannel channel;
    private final TransportChannelProvider channels;
    private final TopicAdminClient topics;
    private final SubscriptionAdminClient subscriptions;

    GrpcClients(int port) throws IOException {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .build();
        channels = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
        topics = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(channels)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
        subscriptions = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(channels)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
    }

    TopicAdminClient topics() {
        return topics;
    }

    SubscriptionAdminClient subscriptions() {
        return subscriptions;
    }

    Publisher publisher(String topic) throws IOException {
        return Publisher.newBuilder(topic)
                .setChannelProvider(channels)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        topics.close();
        subscriptions.close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
