package dev.matchflow.pubsub.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.SubscriberGrpc;
import com.google.pubsub.v1.Subscription;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A started embedded server on a free loopback port and the official Java client wired to it: admin clients,
 * publishers and subscribers built with a plaintext channel and no credentials. Closing it closes them all.
 */
final class PubSubFixture implements AutoCloseable {

    static final String PROJECT = "projects/matchflow-test";

    private final EmbeddedPubSubServer server;
    private final ManagedChannel channel;
    private final TransportChannelProvider channels;
    private final TopicAdminClient topicAdmin;
    private final SubscriptionAdminClient subscriptionAdmin;
    private final Map<String, Publisher> publishersByTopic = new HashMap<>();
    private final List<Subscriber> subscribers = new ArrayList<>();

    private PubSubFixture(double timeScale) {
        server = EmbeddedPubSubServer.builder()
                .port(0)
                .timeScale(timeScale)
                .build()
                .start();
        channel = ManagedChannelBuilder.forTarget(server.endpoint())
                .usePlaintext()
                .build();
        channels = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
        try {
            topicAdmin = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                    .setTransportChannelProvider(channels)
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .build());
            subscriptionAdmin = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                    .setTransportChannelProvider(channels)
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PubSubFixture start() {
        return new PubSubFixture(1.0);
    }

    static PubSubFixture start(double timeScale) {
        return new PubSubFixture(timeScale);
    }

    static String topicName(String id) {
        return PROJECT + "/topics/" + id;
    }

    static String subscriptionName(String id) {
        return PROJECT + "/subscriptions/" + id;
    }

    static PubsubMessage message(String data) {
        return PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8(data)).build();
    }

    EmbeddedPubSubServer server() {
        return server;
    }

    Broker broker() {
        return server.broker();
    }

    TopicAdminClient topicAdmin() {
        return topicAdmin;
    }

    SubscriptionAdminClient subscriptionAdmin() {
        return subscriptionAdmin;
    }

    /** The raw gRPC stub, for what the client library does not expose (stream details, exact requests). */
    SubscriberGrpc.SubscriberBlockingStub subscriberStub() {
        return SubscriberGrpc.newBlockingStub(channel);
    }

    SubscriberGrpc.SubscriberStub asyncSubscriberStub() {
        return SubscriberGrpc.newStub(channel);
    }

    PublisherGrpc.PublisherBlockingStub publisherStub() {
        return PublisherGrpc.newBlockingStub(channel);
    }

    String givenTopic(String id) {
        return topicAdmin.createTopic(topicName(id)).getName();
    }

    String givenSubscription(String id, String topic) {
        return givenSubscription(id, topic, UnaryOperator.identity());
    }

    String givenSubscription(String id, String topic, UnaryOperator<Subscription.Builder> settings) {
        Subscription.Builder subscription =
                Subscription.newBuilder().setName(subscriptionName(id)).setTopic(topic);
        return subscriptionAdmin
                .createSubscription(settings.apply(subscription).build())
                .getName();
    }

    /** The publisher of a topic, with message ordering enabled so that messages may carry ordering keys. */
    Publisher publisher(String topic) {
        return publishersByTopic.computeIfAbsent(topic, PubSubFixture.this::newPublisher);
    }

    /** Publishes and waits for the server's message id; a failed publish throws the client's API exception. */
    String publish(String topic, PubsubMessage message) {
        try {
            return publisher(topic).publish(message).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException error) {
                throw error;
            }
            throw new IllegalStateException("Publishing to " + topic + " failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("Publishing to " + topic + " did not finish", e);
        }
    }

    /** A started subscriber; {@code settings} may tune its builder (flow control, lease extension). */
    Subscriber subscriber(String subscription, MessageReceiver receiver, UnaryOperator<Subscriber.Builder> settings) {
        Subscriber subscriber = settings.apply(Subscriber.newBuilder(subscription, receiver)
                        .setChannelProvider(channels)
                        .setCredentialsProvider(NoCredentialsProvider.create()))
                .build();
        subscribers.add(subscriber);
        subscriber.startAsync().awaitRunning();
        return subscriber;
    }

    Subscriber subscriber(String subscription, MessageReceiver receiver) {
        return subscriber(subscription, receiver, UnaryOperator.identity());
    }

    /** Asserts that the call fails with an API error of that code whose message contains the given text. */
    static void assertApiError(ThrowingCallable call, StatusCode.Code code, String messagePart) {
        Throwable thrown = catchThrowable(call);
        Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;

        assertThat(cause).isInstanceOf(ApiException.class);
        ApiException error = (ApiException) cause;
        assertThat(error.getStatusCode().getCode()).as(error.getMessage()).isEqualTo(code);
        assertThat(error.getMessage()).contains(messagePart);
    }

    @Override
    public void close() {
        for (Subscriber subscriber : subscribers) {
            subscriber.stopAsync();
        }
        for (Subscriber subscriber : subscribers) {
            subscriber.awaitTerminated();
        }
        for (Publisher publisher : publishersByTopic.values()) {
            shutDown(publisher);
        }
        topicAdmin.close();
        subscriptionAdmin.close();
        channel.shutdownNow();
        server.close();
    }

    private Publisher newPublisher(String topic) {
        try {
            return Publisher.newBuilder(topic)
                    .setChannelProvider(channels)
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .setEnableMessageOrdering(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void shutDown(Publisher publisher) {
        publisher.shutdown();
        try {
            publisher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
