package dev.matchflow.pubsub;

import com.google.api.gax.batching.BatchingSettings;
import com.google.api.gax.batching.FlowControlSettings;
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
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where Pub/Sub clients are configured. Everything in Matchflow that publishes, subscribes or
 * administers topics gets its clients here, so a backend change is a change of how this factory is created.
 *
 * <p>Against an emulator endpoint ({@link #forEmulator}) every client shares one plaintext gRPC channel and sends
 * no credentials. Against Google Cloud ({@link #forGoogleCloud}) each client keeps the default channel provider
 * Google tunes for the service and authenticates with Application Default Credentials.
 *
 * <p>The factory owns what it creates: {@link #close()} stops every publisher and subscriber it built, closes the
 * admin clients and shuts the channel down. Callers may shut a publisher or stop a subscriber earlier; they must
 * not close the admin clients, which are shared.
 */
public final class PubSubClients implements AutoCloseable {

    /** The project id used with an emulator when {@code GCP_PROJECT_ID} is not set; emulators accept any id. */
    public static final String DEFAULT_EMULATOR_PROJECT = "matchflow-local";

    private static final Logger log = LoggerFactory.getLogger(PubSubClients.class);
    private static final int MAX_INBOUND_MESSAGE_BYTES = 20 * 1024 * 1024;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final String projectId;
    private final Optional<String> emulatorEndpoint;
    private final Optional<ManagedChannel> channel;
    private final List<Publisher> publishers = new CopyOnWriteArrayList<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private TopicAdminClient topicAdmin;
    private SubscriptionAdminClient subscriptionAdmin;
    private boolean closed;

    private PubSubClients(String projectId, Optional<String> emulatorEndpoint, Optional<ManagedChannel> channel) {
        this.projectId = projectId;
        this.emulatorEndpoint = emulatorEndpoint;
        this.channel = channel;
    }

    /**
     * Clients for an emulator at {@code endpoint} ({@code host:port}): the embedded server, Google's emulator (as a
     * child process or a container) or any emulator started by hand. One plaintext channel, no credentials.
     *
     * @throws IllegalArgumentException when the project id is blank or the endpoint is not {@code host:port}
     */
    public static PubSubClients forEmulator(String projectId, String endpoint) {
        String project = requireProjectId(projectId);
        String target = EmulatorEndpoint.parse(endpoint);
        ManagedChannel channel = ManagedChannelBuilder.forTarget(target)
                .usePlaintext()
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .build();
        log.info("Pub/Sub clients for project {} use the emulator at {}", project, target);
        return new PubSubClients(project, Optional.of(target), Optional.of(channel));
    }

    /**
     * Clients for real Pub/Sub in {@code projectId}, authenticated with Application Default Credentials (found
     * when the first client is created).
     *
     * @throws IllegalArgumentException when the project id is blank
     */
    public static PubSubClients forGoogleCloud(String projectId) {
        String project = requireProjectId(projectId);
        log.info("Pub/Sub clients for project {} use Google Cloud with Application Default Credentials", project);
        return new PubSubClients(project, Optional.empty(), Optional.empty());
    }

    /**
     * Clients as the deployed services configure them: {@code PUBSUB_EMULATOR_HOST} ({@code host:port}) selects an
     * emulator, with {@code GCP_PROJECT_ID} or {@value #DEFAULT_EMULATOR_PROJECT} as the project; without it,
     * Google Cloud in the project {@code GCP_PROJECT_ID}, which is then required.
     *
     * @throws IllegalArgumentException when a variable is missing or malformed, saying which and what to set
     */
    public static PubSubClients fromEnvironment(Map<String, String> env) {
        Optional<String> emulatorHost = setting(env, "PUBSUB_EMULATOR_HOST");
        Optional<String> projectId = setting(env, "GCP_PROJECT_ID");
        if (emulatorHost.isPresent()) {
            return forEmulator(projectId.orElse(DEFAULT_EMULATOR_PROJECT), emulatorHost.get());
        }
        return forGoogleCloud(projectId.orElseThrow(() -> new IllegalArgumentException(
                "GCP_PROJECT_ID is not set: set it to the Google Cloud project that holds the topic,"
                        + " or set PUBSUB_EMULATOR_HOST=host:port to use an emulator.")));
    }

    /** The project every topic and subscription name is resolved in. */
    public String projectId() {
        return projectId;
    }

    /** The emulator endpoint ({@code host:port}) these clients talk to, or empty for Google Cloud. */
    public Optional<String> emulatorEndpoint() {
        return emulatorEndpoint;
    }

    /** The full name of a topic of this project. */
    public TopicName topicName(String topicId) {
        return TopicName.of(projectId, topicId);
    }

    /** The full name of a subscription of this project. */
    public SubscriptionName subscriptionName(String subscriptionId) {
        return SubscriptionName.of(projectId, subscriptionId);
    }

    /**
     * A publisher for {@code topicId} with message ordering enabled and batching tuned for low latency: a batch
     * leaves after 1 ms, 100 messages or 64 KiB, whichever comes first.
     */
    public Publisher publisher(String topicId) {
        return publisher(topicId, UnaryOperator.identity());
    }

    /**
     * A publisher for {@code topicId} whose defaults (see {@link #publisher(String)}) {@code overrides} may change,
     * for example with {@link Publisher.Builder#setBatchingSettings}.
     */
    public Publisher publisher(String topicId, UnaryOperator<Publisher.Builder> overrides) {
        ensureOpen();
        Publisher.Builder builder = Publisher.newBuilder(topicName(topicId))
                .setEnableMessageOrdering(true)
                .setBatchingSettings(lowLatencyBatching());
        channelProvider()
                .ifPresent(provider ->
                        builder.setChannelProvider(provider).setCredentialsProvider(NoCredentialsProvider.create()));
        Publisher publisher = build(() -> overrides.apply(builder).build(), "publisher for topic " + topicId);
        return track(publishers, publisher);
    }

    /** A streaming-pull subscriber for {@code subscriptionId} with the client's default flow control. */
    public Subscriber subscriber(String subscriptionId, MessageReceiver receiver) {
        return subscriber(subscriptionId, receiver, UnaryOperator.identity());
    }

    /** A streaming-pull subscriber for {@code subscriptionId} holding at most what {@code flowControl} allows. */
    public Subscriber subscriber(String subscriptionId, MessageReceiver receiver, FlowControlSettings flowControl) {
        return subscriber(subscriptionId, receiver, builder -> builder.setFlowControlSettings(flowControl));
    }

    /**
     * A streaming-pull subscriber for {@code subscriptionId} whose defaults {@code overrides} may change, for
     * example the flow control, the parallel pull count or the lease extension. It is not started.
     */
    public Subscriber subscriber(
            String subscriptionId, MessageReceiver receiver, UnaryOperator<Subscriber.Builder> overrides) {
        ensureOpen();
        ProjectSubscriptionName name = ProjectSubscriptionName.of(projectId, subscriptionId);
        Subscriber.Builder builder = Subscriber.newBuilder(name, receiver);
        channelProvider()
                .ifPresent(provider ->
                        builder.setChannelProvider(provider).setCredentialsProvider(NoCredentialsProvider.create()));
        return track(subscribers, overrides.apply(builder).build());
    }

    /**
     * Makes the emulator channel try to connect again at once instead of when its reconnect backoff ends, which grows
     * up to two minutes while the emulator is unreachable; for an emulator known to be back. Does nothing for Google
     * Cloud.
     */
    public void reconnectNow() {
        channel.ifPresent(ManagedChannel::resetConnectBackoff);
    }

    /** The shared topic administration client; closed by {@link #close()}, never by its users. */
    public synchronized TopicAdminClient topicAdmin() {
        ensureOpen();
        if (topicAdmin == null) {
            TopicAdminSettings.Builder settings = TopicAdminSettings.newBuilder();
            channelProvider()
                    .ifPresent(provider -> settings.setTransportChannelProvider(provider)
                            .setCredentialsProvider(NoCredentialsProvider.create()));
            topicAdmin = build(() -> TopicAdminClient.create(settings.build()), "topic admin client");
        }
        return topicAdmin;
    }

    /** The shared subscription administration client; closed by {@link #close()}, never by its users. */
    public synchronized SubscriptionAdminClient subscriptionAdmin() {
        ensureOpen();
        if (subscriptionAdmin == null) {
            SubscriptionAdminSettings.Builder settings = SubscriptionAdminSettings.newBuilder();
            channelProvider()
                    .ifPresent(provider -> settings.setTransportChannelProvider(provider)
                            .setCredentialsProvider(NoCredentialsProvider.create()));
            subscriptionAdmin =
                    build(() -> SubscriptionAdminClient.create(settings.build()), "subscription admin client");
        }
        return subscriptionAdmin;
    }

    /** Stops every subscriber and publisher built here, closes the admin clients, then shuts the channel down. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscribers.forEach(PubSubClients::stop);
        publishers.forEach(PubSubClients::shutDown);
        closeAdminClients();
        channel.ifPresent(PubSubClients::shutDown);
        log.info("Pub/Sub clients for project {} closed", projectId);
    }

    private Optional<TransportChannelProvider> channelProvider() {
        return channel.map(open -> FixedTransportChannelProvider.create(GrpcTransportChannel.create(open)));
    }

    private synchronized <T> T track(List<T> clients, T client) {
        ensureOpen();
        clients.add(client);
        return client;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("These Pub/Sub clients for project " + projectId
                    + " are closed: create a new PubSubClients to keep talking to Pub/Sub.");
        }
    }

    private void closeAdminClients() {
        if (topicAdmin != null) {
            topicAdmin.close();
        }
        if (subscriptionAdmin != null) {
            subscriptionAdmin.close();
        }
    }

    private static BatchingSettings lowLatencyBatching() {
        return BatchingSettings.newBuilder()
                .setElementCountThreshold(100L)
                .setRequestByteThreshold(64L * 1024)
                .setDelayThresholdDuration(Duration.ofMillis(1))
                .build();
    }

    private static void stop(Subscriber subscriber) {
        try {
            subscriber.stopAsync().awaitTerminated(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("Subscriber for {} did not stop within {}", subscriber.getSubscriptionNameString(), SHUTDOWN_WAIT);
        } catch (IllegalStateException e) {
            log.debug("Subscriber for {} had already failed", subscriber.getSubscriptionNameString(), e);
        }
    }

    private static void shutDown(Publisher publisher) {
        try {
            publisher.shutdown();
            publisher.awaitTermination(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (IllegalStateException alreadyShutDown) {
            log.debug("Publisher for {} was already shut down by its user", publisher.getTopicNameString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void shutDown(ManagedChannel channel) {
        try {
            if (!channel.shutdown().awaitTermination(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T build(ClientConstructor<T> constructor, String what) {
        try {
            return constructor.create();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the Pub/Sub " + what + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> setting(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static String requireProjectId(String projectId) {
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalArgumentException(
                    "The Pub/Sub project id is blank: pass the Google Cloud project id (GCP_PROJECT_ID).");
        }
        return projectId.trim();
    }

    @FunctionalInterface
    private interface ClientConstructor<T> {
        T create() throws IOException;
    }
}
