package dev.matchflow.pubsub.embedded.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.PushConfig;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST form served by the gateway on the shared port, in front of Google's emulator's gRPC API. */
class RestFormOnGoogleEmulatorTest extends RestFormContract {

    private static EmulatorProcess emulator;
    private static ManagedChannel channel;
    private static SharedPortListener listener;

    @BeforeAll
    static void startEmulatorBehindTheSharedPort() {
        emulator = EmulatorProcess.start();
        channel = ManagedChannelBuilder.forTarget(emulator.endpoint())
                .usePlaintext()
                .build();
        listener = SharedPortListener.start("127.0.0.1", 0, emulator.address(), new RestGateway(channel));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (listener != null) {
            listener.close();
        }
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    int restPort() {
        return listener.port();
    }

    @Test
    void theOfficialClientSpeaksGrpcOnTheSamePortAsTheRestForm() throws Exception {
        String large = "L".repeat(3 * 1024 * 1024);

        try (GrpcClients grpc = new GrpcClients(listener.port())) {
            grpc.topics().createTopic(topic("shared"));
            grpc.subscriptions()
                    .createSubscription(subscription("shared"), topic("shared"), PushConfig.getDefaultInstance(), 10);
            Publisher publisher = grpc.publisher(topic("shared"));
            publisher.publish(message(large)).get(30, TimeUnit.SECONDS);
            publisher.shutdown();

            List<JsonNode> pulledByRest = pullUntil("shared", 1);
            publish("shared", "from rest", "{}");
            PullResponse pulledByGrpc = grpc.subscriptions().pull(subscription("shared"), 1);

            assertThat(decoded(pulledByRest.get(0).path("message").path("data").asText()))
                    .isEqualTo(large);
            assertThat(pulledByGrpc
                            .getReceivedMessages(0)
                            .getMessage()
                            .getData()
                            .toStringUtf8())
                    .isEqualTo("from rest");
        }
    }

    private static PubsubMessage message(String data) {
        return PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8(data)).build();
    }
}
