package dev.matchflow.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.matchflow.pubsub.PubSubBackend;
import dev.matchflow.stack.StackClient;
import dev.matchflow.stack.StackSettings;
import dev.matchflow.stack.SystemStack;
import dev.matchflow.usermatch.EventDelivery;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The {@code container} Pub/Sub backend: Google's emulator image in a container, under an in-process stack. */
class ContainerBackendTest {

    @Test
    @OnContainers
    void aLeaveIsCleanedUpThroughTheEmulatorInItsContainer() throws Exception {
        try (SystemStack stack = SystemStack.start(StackSettings.defaults().withPubSub(PubSubBackend.CONTAINER))) {
            StackClient client = StackClient.of(stack);
            UUID leaver = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            var pool = client.createPool("container-backend", null);
            client.join(leaver, pool.id());
            client.join(other, pool.id());
            var waiting = client.createMatch(pool.id(), leaver, other);

            var left = client.leave(leaver);
            stack.awaitQuiescence(Duration.ofSeconds(60));

            assertThat(left.event()).isEqualTo(EventDelivery.PUBLISHED);
            assertThat(stack.endpoints().pubsub()).doesNotStartWith("127.0.0.1");
            assertThat(stack.broker()).isEmpty();
            assertThat(stack.snapshot().matches()).noneMatch(match -> match.id().equals(waiting.id()));
        }
    }

    @Test
    void withoutDockerTheContainerBackendSaysWhyItCannotStart() {
        assumeTrue(DockerEngine.whyUnavailable().isPresent(), "skipped: Docker runs here");

        assertThatThrownBy(() -> SystemStack.start(StackSettings.defaults().withPubSub(PubSubBackend.CONTAINER)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Docker engine answers here")
                .hasMessageContaining("choose another backend");
    }
}
