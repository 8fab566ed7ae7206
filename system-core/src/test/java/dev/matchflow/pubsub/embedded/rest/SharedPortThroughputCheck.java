package dev.matchflow.pubsub.embedded.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the relay of the shared port costs gRPC: the same calls to the same server, once straight to its own port and
 * once through the shared port, with the figures printed. Not part of the build (its name does not end in Test); run
 * it on a quiet machine with
 * {@code mvn -pl system-core -am verify -Dtest=SharedPortThroughputCheck -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SharedPortThroughputCheck {

    private static final int WARM_UP_CALLS = 3_000;
    private static final int TIMED_SEQUENTIAL_CALLS = 10_000;
    private static final int CONCURRENT_CALLS = 50_000;
    private static final int IN_FLIGHT = 64;

    @Test
    void grpcThroughTheSharedPortAgainstGrpcStraightToItsServer() throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new HealthStatusManager().getHealthService())
                .build()
                .start();
        ManagedChannel gatewayChannel = channelTo(server.getPort());
        SharedPortListener listener = SharedPortListener.start(
                "127.0.0.1", 0, new InetSocketAddress("127.0.0.1", server.getPort()), new RestGateway(gatewayChannel));

        for (int round = 1; round <= 2; round++) {
            report("direct, round " + round, server.getPort());
            report("shared port, round " + round, listener.port());
        }

        listener.close();
        gatewayChannel.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static void report(String label, int port) throws InterruptedException {
        ManagedChannel channel = channelTo(port);
        HealthGrpc.HealthBlockingStub blocking = HealthGrpc.newBlockingStub(channel);
        sequentialLatenciesNanos(blocking, WARM_UP_CALLS);

        long[] latencies = sequentialLatenciesNanos(blocking, TIMED_SEQUENTIAL_CALLS);
        double callsPerSecond = concurrentCallsPerSecond(HealthGrpc.newStub(channel));

        Arrays.sort(latencies);
        System.out.printf(
                "%-22s unary round trip p50 %5d us, p99 %5d us; %d in flight: %,8.0f calls/s%n",
                label,
                latencies[latencies.length / 2] / 1_000,
                latencies[latencies.length * 99 / 100] / 1_000,
                IN_FLIGHT,
                callsPerSecond);
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static long[] sequentialLatenciesNanos(HealthGrpc.HealthBlockingStub health, int calls) {
        long[] latencies = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            health.check(HealthCheckRequest.getDefaultInstance());
            latencies[i] = System.nanoTime() - start;
        }
        return latencies;
    }

    private static double concurrentCallsPerSecond(HealthGrpc.HealthStub health) throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(CONCURRENT_CALLS);
        AtomicInteger failures = new AtomicInteger();

        long start = System.nanoTime();
        for (int i = 0; i < CONCURRENT_CALLS; i++) {
            slots.acquire();
            health.check(HealthCheckRequest.getDefaultInstance(), new Completion(slots, done, failures));
        }
        done.await();
        long elapsed = System.nanoTime() - start;

        assertThat(failures.get()).as("failed calls").isZero();
        return CONCURRENT_CALLS * 1e9 / elapsed;
    }

    private static ManagedChannel channelTo(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .build();
    }

    private record Completion(Semaphore slots, CountDownLatch done, AtomicInteger failures)
            implements StreamObserver<HealthCheckResponse> {

        @Override
        public void onNext(HealthCheckResponse response) {
            done.countDown();
        }

        @Override
        public void onError(Throwable failure) {
            failures.incrementAndGet();
            done.countDown();
            slots.release();
        }

        @Override
        public void onCompleted() {
            slots.release();
        }
    }
}
