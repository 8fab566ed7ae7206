package dev.matchflow.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.pubsub.v1.Subscription;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PubSubTopologyTest {

    private static GoogleEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        GoogleEmulatorLocator.Lookup lookup = GoogleEmulator.find();
        if (lookup.isInstalled()) {
            emulator = lookup.start();
        }
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void theDefaultTopologyFollowsTheUserLeftPoolTopic() {
        PubSubTopology topology = PubSubTopology.fromEnvironment(Map.of());

        assertThat(topology)
                .isEqualTo(new PubSubTopology(
                        "user_left_pool",
                        "match-cleanup-handler",
                        "user_left_pool-dead-letter",
                        "user_left_pool-dead-letter-inspection"));
    }

    @Test
    void pubSubTopicWinsOverThePoolEventsTopicOfOlderDeployments() {
        PubSubTopology topology =
                PubSubTopology.fromEnvironment(Map.of("PUBSUB_TOPIC", "leaves", "POOL_EVENTS_TOPIC", "pool-events"));

        assertThat(topology.topic()).isEqualTo("leaves");
        assertThat(topology.deadLetterTopic()).isEqualTo("leaves-dead-letter");
    }

    @Test
    void thePoolEventsTopicIsUsedWhenPubSubTopicIsNotSet() {
        PubSubTopology topology = PubSubTopology.fromEnvironment(Map.of("POOL_EVENTS_TOPIC", "pool-events"));

        assertThat(topology.topic()).isEqualTo("pool-events");
        assertThat(topology.deadLetterSubscription()).isEqualTo("pool-events-dead-letter-inspection");
    }

    @Test
    void aTopicNameThatPubSubWouldRefuseIsRejectedWithTheRules() {
        assertThatThrownBy(() -> PubSubTopology.fromEnvironment(Map.of("PUBSUB_TOPIC", "user left pool")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Pub/Sub topic name 'user left pool' is invalid")
                .hasMessageContaining("must start with a letter");
    }

    @Test
    void provisioningCreatesTheTriggerSubscriptionWithRetryAndDeadLetterPolicies() {
        try (PubSubClients clients = clientsOfAFreshProject()) {
            PubSubTopology topology = PubSubTopology.forTopic("user_left_pool");

            topology.provision(clients);
            Subscription trigger =
                    clients.subscriptionAdmin().getSubscription(clients.subscriptionName(topology.subscription()));

            assertThat(trigger.getTopic())
                    .isEqualTo(clients.topicName("user_left_pool").toString());
            assertThat(trigger.getAckDeadlineSeconds()).isEqualTo(60);
            assertThat(trigger.getRetryPolicy().getMinimumBackoff().getSeconds())
                    .isEqualTo(10);
            assertThat(trigger.getRetryPolicy().getMaximumBackoff().getSeconds())
                    .isEqualTo(600);
            assertThat(trigger.getDeadLetterPolicy().getDeadLetterTopic())
                    .isEqualTo(clients.topicName("user_left_pool-dead-letter").toString());
            assertThat(trigger.getDeadLetterPolicy().getMaxDeliveryAttempts()).isEqualTo(5);
        }
    }

    @Test
    void provisioningAgainKeepsWhatExists() {
        try (PubSubClients clients = clientsOfAFreshProject()) {
            PubSubTopology topology = PubSubTopology.forTopic("pool-events");
            topology.provision(clients);

            topology.provision(clients);

            Subscription inspection = clients.subscriptionAdmin()
                    .getSubscription(clients.subscriptionName(topology.deadLetterSubscription()));
            assertThat(inspection.getTopic())
                    .isEqualTo(clients.topicName("pool-events-dead-letter").toString());
        }
    }

    private static PubSubClients clientsOfAFreshProject() {
        assumeTrue(emulator != null, () -> GoogleEmulator.find().reason());
        return PubSubClients.forEmulator(ConformanceFixture.uniqueName("project"), emulator.endpoint());
    }
}
