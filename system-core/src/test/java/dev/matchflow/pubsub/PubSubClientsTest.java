package dev.matchflow.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PubSubClientsTest {

    @Test
    void anEmulatorHostInTheEnvironmentSelectsThatEmulatorInTheGivenProject() {
        Map<String, String> env = Map.of("PUBSUB_EMULATOR_HOST", "127.0.0.1:8085", "GCP_PROJECT_ID", "matches-prod");

        try (PubSubClients clients = PubSubClients.fromEnvironment(env)) {

            assertThat(clients.emulatorEndpoint()).contains("127.0.0.1:8085");
            assertThat(clients.projectId()).isEqualTo("matches-prod");
        }
    }

    @Test
    void anEmulatorWithoutAProjectIdUsesTheLocalProject() {
        try (PubSubClients clients = PubSubClients.fromEnvironment(Map.of("PUBSUB_EMULATOR_HOST", "localhost:8085"))) {

            assertThat(clients.projectId()).isEqualTo(PubSubClients.DEFAULT_EMULATOR_PROJECT);
        }
    }

    @Test
    void withoutAnEmulatorHostTheClientsUseGoogleCloud() {
        try (PubSubClients clients = PubSubClients.fromEnvironment(Map.of("GCP_PROJECT_ID", "matches-prod"))) {

            assertThat(clients.emulatorEndpoint()).isEmpty();
            assertThat(clients.topicName("user_left_pool").toString())
                    .isEqualTo("projects/matches-prod/topics/user_left_pool");
        }
    }

    @Test
    void googleCloudWithoutAProjectIdIsRefusedWithWhatToSet() {
        assertThatThrownBy(() -> PubSubClients.fromEnvironment(Map.of("PUBSUB_EMULATOR_HOST", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GCP_PROJECT_ID is not set")
                .hasMessageContaining("PUBSUB_EMULATOR_HOST=host:port");
    }

    @Test
    void anEmulatorEndpointWithASchemeIsRefused() {
        assertThatThrownBy(() -> PubSubClients.forEmulator("p", "http://127.0.0.1:8085"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Pub/Sub emulator endpoint 'http://127.0.0.1:8085' is invalid: it must read host:port,"
                        + " without a scheme, for example 127.0.0.1:8085.");
    }

    @Test
    void anEmulatorEndpointWithoutAPortIsRefused() {
        assertThatThrownBy(() -> PubSubClients.forEmulator("p", "localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'localhost' is invalid");
    }

    @Test
    void anEmulatorEndpointWithAPortOutOfRangeIsRefused() {
        assertThatThrownBy(() -> PubSubClients.forEmulator("p", "127.0.0.1:70000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the port must be between 1 and 65535");
    }

    @Test
    void closedClientsRefuseToCreateMoreClients() {
        PubSubClients clients = PubSubClients.forEmulator("p", "127.0.0.1:8085");

        clients.close();

        assertThatThrownBy(() -> clients.publisher("user_left_pool"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("are closed");
    }
}
