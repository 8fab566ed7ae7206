package dev.matchflow.cli;

import static dev.matchflow.cli.Launcher.accepts;
import static dev.matchflow.cli.Launcher.awaitLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.core.ApiFuture;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.ReceivedMessage;
import dev.matchflow.pubsub.PubSubClients;
import dev.matchflow.testing.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./matchflow pubsub} as a process of its own, used by the real Pub/Sub client. */
class PubSubCommandTest {

    private static final String LISTENING = "Pub/Sub API (embedded) listening on";

    @TempDir
    Path folder;

    @Test
    void itServesTheRealClientUntilSigtermThenExitsWithZeroAndFreesItsPort() throws Exception {
        int port = FreePorts.unused();
        Path output = folder.resolve("pubsub.log");
        Process pubsub = Launcher.startProcess(output, "pubsub", "--port", String.valueOf(port), "--project", "demo");
        try {
            String line = awaitLine(output, LISTENING);

            assertThat(line)
                    .isEqualTo("Pub/Sub API (embedded) listening on 127.0.0.1:" + port + " until Ctrl-C; for clients:"
                            + " export PUBSUB_EMULATOR_HOST=127.0.0.1:" + port + " GCP_PROJECT_ID=demo");
            assertThat(publishedAndPulled("127.0.0.1:" + port, "demo")).containsExactly("left the pool");

            pubsub.destroy();

            assertThat(pubsub.waitFor(UntilStopped.STOP_LIMIT.toSeconds(), TimeUnit.SECONDS))
                    .as("it stops after SIGTERM")
                    .isTrue();
            assertThat(pubsub.exitValue()).isZero();
            assertThat(accepts(port)).as("its port is free again").isFalse();
            assertThat(Files.readString(output, StandardCharsets.UTF_8)).contains("127.0.0.1:" + port + " stopped");
        } finally {
            pubsub.destroyForcibly();
        }
    }

    @Test
    void aSecondServerOnTheSamePortSaysThePortIsTakenAndExitsWithOne() throws Exception {
        int port = FreePorts.unused();
        Process first = Launcher.startProcess(folder.resolve("first.log"), "pubsub", "--port", String.valueOf(port));
        Process second = null;
        try {
            awaitLine(folder.resolve("first.log"), LISTENING);
            Path output = folder.resolve("second.log");

            second = Launcher.startProcess(output, "pubsub", "--port", String.valueOf(port));

            assertThat(second.waitFor(Launcher.START_LIMIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the second server gives up")
                    .isTrue();
            assertThat(second.exitValue()).isEqualTo(1);
            assertThat(Files.readString(output, StandardCharsets.UTF_8))
                    .contains("pubsub: cannot listen on 127.0.0.1:" + port + " (Address already in use): the port"
                            + " is taken; stop what listens there, or pass another --port")
                    .doesNotContain(LISTENING);
            assertThat(accepts(port)).as("the first server still listens").isTrue();
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly();
            }
        }
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        Launcher launcher = Launcher.withoutEnvironment();

        int exitCode = launcher.run("pubsub", "--port", "70000");

        assertThat(exitCode).isEqualTo(2);
        assertThat(launcher.err()).startsWith("--port must be between 0 and 65535 (0 picks a free one), was 70000");
    }

    @Test
    void aTimeScaleThatIsNotPositiveIsAUsageError() {
        Launcher launcher = Launcher.withoutEnvironment();

        int exitCode = launcher.run("pubsub", "--time-scale", "-2");

        assertThat(exitCode).isEqualTo(2);
        assertThat(launcher.err())
                .startsWith("--time-scale must be a positive number")
                .contains("was -2.0");
    }

    /** Creates a topic and a subscription in {@code project}, publishes one message, pulls and acks what came. */
    private static List<String> publishedAndPulled(String endpoint, String project) throws Exception {
        try (PubSubClients clients = PubSubClients.forEmulator(project, endpoint)) {
            clients.topicAdmin().createTopic(clients.topicName("leaves"));
            clients.subscriptionAdmin()
                    .createSubscription(
                            clients.subscriptionName("cleanup"),
                            clients.topicName("leaves"),
                            PushConfig.getDefaultInstance(),
                            10);
            Publisher publisher = clients.publisher("leaves");
            ApiFuture<String> published = publisher.publish(PubsubMessage.newBuilder()
                    .setData(ByteString.copyFromUtf8("left the pool"))
                    .build());
            published.get(30, TimeUnit.SECONDS);

            PullResponse pulled = clients.subscriptionAdmin().pull(clients.subscriptionName("cleanup"), 10);

            clients.subscriptionAdmin()
                    .acknowledge(
                            clients.subscriptionName("cleanup"),
                            pulled.getReceivedMessagesList().stream()
                                    .map(ReceivedMessage::getAckId)
                                    .toList());
            return pulled.getReceivedMessagesList().stream()
                    .map(received -> received.getMessage().getData().toStringUtf8())
                    .toList();
        }
    }
}
