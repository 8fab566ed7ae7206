package dev.matchflow.pubsub;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.protobuf.Duration;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pub/Sub resources the match cleanup system needs: the event topic, the cleanup trigger's subscription, the
 * dead-letter topic and the subscription that keeps dead letters for inspection and redrive.
 *
 * @param topic the event topic
 * @param subscription the cleanup trigger's subscription
 * @param deadLetterTopic where messages go after {@value #MAX_DELIVERY_ATTEMPTS} failed deliveries
 * @param deadLetterSubscription the subscription on the dead-letter topic
 */
public record PubSubTopology(String topic, String subscription, String deadLetterTopic, String deadLetterSubscription) {

    /** The topic when neither {@code PUBSUB_TOPIC} nor {@code POOL_EVENTS_TOPIC} is set. */
    public static final String DEFAULT_TOPIC = "user_left_pool";

    /** The cleanup trigger's subscription. */
    public static final String TRIGGER_SUBSCRIPTION = "match-cleanup-handler";

    /** Seconds a delivered message stays leased to the trigger before Pub/Sub delivers it again. */
    public static final int ACK_DEADLINE_SECONDS = 60;

    /** The shortest wait before a nacked or expired message is delivered again. */
    public static final java.time.Duration RETRY_MINIMUM_BACKOFF = java.time.Duration.ofSeconds(10);

    /** The longest wait before a nacked or expired message is delivered again. */
    public static final java.time.Duration RETRY_MAXIMUM_BACKOFF = java.time.Duration.ofSeconds(600);

    /** Deliveries of a message before it goes to the dead-letter topic. */
    public static final int MAX_DELIVERY_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(PubSubTopology.class);
    private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z][-A-Za-z0-9._~%+]{2,254}");

    /** Checks every name against Pub/Sub's naming rules. */
    public PubSubTopology {
        requireValidName("topic", topic);
        requireValidName("subscription", subscription);
        requireValidName("dead-letter topic", deadLetterTopic);
        requireValidName("dead-letter subscription", deadLetterSubscription);
    }

    /**
     * The topology for {@code topic}: subscription {@value #TRIGGER_SUBSCRIPTION}, dead-letter topic
     * {@code {topic}-dead-letter} and its subscription {@code {topic}-dead-letter-inspection}.
     */
    public static PubSubTopology forTopic(String topic) {
        String deadLetterTopic = topic + "-dead-letter";
        return new PubSubTopology(topic, TRIGGER_SUBSCRIPTION, deadLetterTopic, deadLetterTopic + "-inspection");
    }

    /**
     * The topology for the topic that {@code PUBSUB_TOPIC} names, else {@code POOL_EVENTS_TOPIC} (the name older
     * deployments use), else {@value #DEFAULT_TOPIC}.
     */
    public static PubSubTopology fromEnvironment(Map<String, String> env) {
        return forTopic(setting(env, "PUBSUB_TOPIC")
                .or(() -> setting(env, "POOL_EVENTS_TOPIC"))
                .orElse(DEFAULT_TOPIC));
    }

    /**
     * Creates whatever of the topology is missing and leaves what exists as it is, so it can run at every start.
     *
     * <p>On real Google Cloud, dead lettering also needs the project's Pub/Sub service account to be allowed to
     * publish to the dead-letter topic and to subscribe to the trigger subscription. Granting those roles is an
     * IAM change made by the deploy scripts, not by this method.
     */
    public void provision(PubSubClients clients) {
        createTopic(clients, topic);
        createTopic(clients, deadLetterTopic);
        createSubscription(clients, deadLetterSubscriptionConfig(clients));
        createSubscription(clients, triggerSubscriptionConfig(clients));
    }

    /** The trigger subscription as {@link #provision} creates it. */
    public Subscription triggerSubscriptionConfig(PubSubClients clients) {
        return Subscription.newBuilder()
                .setName(clients.subscriptionName(subscription).toString())
                .setTopic(clients.topicName(topic).toString())
                .setAckDeadlineSeconds(ACK_DEADLINE_SECONDS)
                .setRetryPolicy(RetryPolicy.newBuilder()
                        .setMinimumBackoff(protoDuration(RETRY_MINIMUM_BACKOFF))
                        .setMaximumBackoff(protoDuration(RETRY_MAXIMUM_BACKOFF)))
                .setDeadLetterPolicy(DeadLetterPolicy.newBuilder()
                        .setDeadLetterTopic(clients.topicName(deadLetterTopic).toString())
                        .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS))
                .build();
    }

    private Subscription deadLetterSubscriptionConfig(PubSubClients clients) {
        return Subscription.newBuilder()
                .setName(clients.subscriptionName(deadLetterSubscription).toString())
                .setTopic(clients.topicName(deadLetterTopic).toString())
                .setAckDeadlineSeconds(ACK_DEADLINE_SECONDS)
                .build();
    }

    private static void createTopic(PubSubClients clients, String topicId) {
        try {
            clients.topicAdmin().createTopic(clients.topicName(topicId));
            log.info("Created Pub/Sub topic {} in project {}", topicId, clients.projectId());
        } catch (AlreadyExistsException e) {
            log.info("Pub/Sub topic {} already exists in project {}", topicId, clients.projectId());
        }
    }

    private static void createSubscription(PubSubClients clients, Subscription config) {
        try {
            clients.subscriptionAdmin().createSubscription(config);
            log.info("Created Pub/Sub subscription {} on {}", config.getName(), config.getTopic());
        } catch (AlreadyExistsException e) {
            log.info("Pub/Sub subscription {} already exists; its settings are left as they are", config.getName());
        }
    }

    private static Duration protoDuration(java.time.Duration duration) {
        return Duration.newBuilder().setSeconds(duration.toSeconds()).build();
    }

    private static Optional<String> setting(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static void requireValidName(String what, String name) {
        if (name == null || !RESOURCE_NAME.matcher(name).matches() || name.startsWith("goog")) {
            throw new IllegalArgumentException("Pub/Sub " + what + " name '" + name + "' is invalid: it must start"
                    + " with a letter, be 3 to 255 characters of letters, digits and - _ . ~ % +, and not start"
                    + " with 'goog'.");
        }
    }
}
