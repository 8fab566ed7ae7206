package dev.matchflow.pubsub.embedded.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.SubscriberGrpc;
import dev.matchflow.pubsub.embedded.rest.RestClient.Reply;
import dev.matchflow.testing.FreePorts;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared port on its own, in front of a real gRPC server that offers the standard health service and pulls that
 * never get a message: which bytes go where, what a client sees when something is wrong, and how the port is given
 * back.
 */
class SharedPortListenerTest {

    private static final PullsThatWait PULLS = new PullsThatWait();

    private static Server grpcServer;
    private static ManagedChannel gatewayChannel;

    private SharedPortListener listener;

    @BeforeAll
    static void startGrpcServer() throws IOException {
        HealthStatusManager health = new HealthStatusManager();
        grpcServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(health.getHealthService())
                .addService(PULLS)
                .build()
                .start();
        gatewayChannel = plaintextChannel(grpcServer.getPort());
    }

    @AfterAll
    static void stopGrpcServer() throws InterruptedException {
        gatewayChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        grpcServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @BeforeEach
    void listen() {
        listener = listenInFrontOf(grpcServerAddress());
    }

    @AfterEach
    void close() {
        listener.close();
    }

    @Test
    void grpcCallsOnTheSharedPortReachTheGrpcServer() throws InterruptedException {
        ManagedChannel channel = plaintextChannel(listener.port());

        HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());

        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void restRequestsOnTheSharedPortAreTranslatedIntoGrpcCalls() {
        Reply reply = new RestClient(listener.port()).get("/v1/projects/front-test/topics/orders");

        assertThat(reply.status()).isEqualTo(501);
        assertThat(reply.errorStatus()).isEqualTo("UNIMPLEMENTED");
        assertThat(reply.errorMessage()).contains("google.pubsub.v1.Publisher/GetTopic");
    }

    @Test
    void manyGrpcCallsAtOnceAllGetTheirAnswers() throws InterruptedException {
        ManagedChannel channel = plaintextChannel(listener.port());
        HealthGrpc.HealthStub health = HealthGrpc.newStub(channel);

        List<CompletableFuture<HealthCheckResponse>> answers =
                IntStream.range(0, 500).mapToObj(i -> check(health)).toList();

        assertThat(answers)
                .allSatisfy(answer ->
                        assertThat(answer.join().getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING));
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aRestClientThatHangsUpCancelsItsWaitingCall() throws IOException {
        int waitingBefore = PULLS.waiting.get();
        int cancelledBefore = PULLS.cancelled.get();
        String pull = "POST /v1/projects/front-test/subscriptions/orders:pull HTTP/1.1\r\nHost: test\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            client.getOutputStream().write(pull.getBytes(StandardCharsets.US_ASCII));
            await().until(() -> PULLS.waiting.get() > waitingBefore);
        }

        await().until(() -> PULLS.cancelled.get() > cancelledBefore);
    }

    @Test
    void bytesThatAreNeitherHttp1NorHttp2AreAnswered400AndTheConnectionClosed() throws IOException {
        byte[] tlsClientHello = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03};

        String answer = exchange(tlsClientHello);

        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("\"status\":\"INVALID_ARGUMENT\"");
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderTheyWereSent() throws IOException {
        String slowThenFast = "GET /v1/projects/front-test/topics/orders HTTP/1.1\r\nHost: test\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";

        String answers = exchange(slowThenFast.getBytes(StandardCharsets.US_ASCII));

        assertThat(answers.indexOf("HTTP/1.1 501 ")).isNotNegative().isLessThan(answers.indexOf("HTTP/1.1 200 "));
    }

    @Test
    void aTakenPortIsReportedWithThePortAndWhatToDo() {
        int taken = listener.port();

        assertThatThrownBy(() -> listenInFrontOf(grpcServerAddress(), taken))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("127.0.0.1:" + taken)
                .hasMessageContaining("choose another one");
    }

    @Test
    void closingStopsListeningAndClosesOpenConnections() throws IOException {
        try (Socket open = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            open.setSoTimeout(10_000);
            open.getOutputStream().write("GET / HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            readUntil(open.getInputStream(), "Ok\n");

            listener.close();

            assertThat(open.getInputStream().read())
                    .as("end of stream on the open connection")
                    .isEqualTo(-1);
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), listener.port()).close())
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aGrpcServerThatCannotBeReachedEndsTheClientsCallAsUnavailable() throws InterruptedException {
        SharedPortListener nowhere = listenInFrontOf(new InetSocketAddress("127.0.0.1", FreePorts.unused()));
        ManagedChannel channel = plaintextChannel(nowhere.port());

        assertThatThrownBy(() -> HealthGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()))
                .isInstanceOf(StatusRuntimeException.class)
                .extracting(failure -> Status.fromThrowable(failure).getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        nowhere.close();
    }

    /** Pulls that wait for messages that never come, counting the callers that give up. */
    private static final class PullsThatWait extends SubscriberGrpc.SubscriberImplBase {

        final AtomicInteger waiting = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();

        @Override
        public void pull(PullRequest request, StreamObserver<PullResponse> response) {
            ((ServerCallStreamObserver<PullResponse>) response).setOnCancelHandler(cancelled::incrementAndGet);
            waiting.incrementAndGet();
        }
    }

    private static SharedPortListener listenInFrontOf(InetSocketAddress grpc) {
        return listenInFrontOf(grpc, 0);
    }

    private static SharedPortListener listenInFrontOf(InetSocketAddress grpc, int port) {
        return SharedPortListener.start("127.0.0.1", port, grpc, new RestGateway(gatewayChannel));
    }

    private static InetSocketAddress grpcServerAddress() {
        return new InetSocketAddress("127.0.0.1", grpcServer.getPort());
    }

    private static ManagedChannel plaintextChannel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .build();
    }

    private static CompletableFuture<HealthCheckResponse> check(HealthGrpc.HealthStub health) {
        CompletableFuture<HealthCheckResponse> answer = new CompletableFuture<>();
        health.check(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {
            @Override
            public void onNext(HealthCheckResponse response) {
                answer.complete(response);
            }

            @Override
            public void onError(Throwable failure) {
                answer.completeExceptionally(failure);
            }

            @Override
            public void onCompleted() {
                answer.completeExceptionally(new IllegalStateException("Completed without an answer"));
            }
        });
        return answer;
    }

    /** Writes {@code request} on a new connection and reads until the server closes it. */
    private String exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return readToEnd(socket.getInputStream());
        }
    }

    /** Reads an answer on a connection that stays open, up to the text it ends with. */
    private static void readUntil(InputStream in, String end) throws IOException {
        StringBuilder read = new StringBuilder();
        while (!read.toString().endsWith(end)) {
            int next = in.read();
            assertThat(next).as("a byte after [%s]", read).isNotNegative();
            read.append((char) next);
        }
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }
}
