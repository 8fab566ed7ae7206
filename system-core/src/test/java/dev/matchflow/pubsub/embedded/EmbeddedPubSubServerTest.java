package dev.matchflow.pubsub.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.pubsub.v1.GetTopicRequest;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.Topic;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedPubSubServerTest {

    @Test
    void listensOnAFreeLoopbackPortWhenAskedForPortZero() {
        try (var server = EmbeddedPubSubServer.builder().port(0).build().start()) {

            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.port()).isPositive();
            assertThat(server.endpoint()).isEqualTo("127.0.0.1:" + server.port());
        }
    }

    @Test
    void servesTheApiOnItsEndpoint() {
        try (var server = EmbeddedPubSubServer.builder().port(0).build().start()) {
            ManagedChannel channel = ManagedChannelBuilder.forTarget(server.endpoint())
                    .usePlaintext()
                    .build();
            server.broker()
                    .createTopic(Topic.newBuilder()
                            .setName("projects/p/topics/served")
                            .build());

            Topic topic = PublisherGrpc.newBlockingStub(channel)
                    .getTopic(GetTopicRequest.newBuilder()
                            .setTopic("projects/p/topics/served")
                            .build());

            assertThat(topic.getName()).isEqualTo("projects/p/topics/served");
            channel.shutdownNow();
        }
    }

    @Test
    void startingOnATakenPortFailsSayingWhatToDo() {
        try (var first = EmbeddedPubSubServer.builder().port(0).build().start()) {
            var second = EmbeddedPubSubServer.builder().port(first.port()).build();

            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + first.port() + " on 127.0.0.1 is already in use")
                    .hasMessageContaining("port(0) picks a free one");
        }
    }

    @Test
    void aServerStartsOnlyOnce() {
        try (var server = EmbeddedPubSubServer.builder().port(0).build().start()) {

            assertThatThrownBy(server::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already started");
        }
    }

    @Test
    void closingStopsEveryThreadOfTheServerAndCanBeRepeated() {
        var server = EmbeddedPubSubServer.builder().port(0).build().start();
        server.broker()
                .createTopic(
                        Topic.newBuilder().setName("projects/p/topics/closing").build());

        server.close();
        server.close();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(serverThreads()).isEmpty());
    }

    @Test
    void rejectsATimeScaleThatIsNotPositive() {
        assertThatThrownBy(() -> EmbeddedPubSubServer.builder().timeScale(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeScale must be a positive number, was 0.0");
    }

    private static List<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("pubsub-"))
                .toList();
    }
}
