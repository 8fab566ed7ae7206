package dev.matchflow.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publish-to-receive latencies of one run, first deliveries only: a redelivered message id is counted once. Both
 * ends read the same monotonic clock, since publisher and subscriber run in this JVM.
 */
final class LatencyRecorder {

    private final long[] latencyNanos;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicLong lastReceivedAt = new AtomicLong();
    private final CountDownLatch outstanding;

    LatencyRecorder(int expected) {
        this.latencyNanos = new long[expected];
        this.outstanding = new CountDownLatch(expected);
    }

    /** Records a delivery of {@code messageId}, published at {@code sentAtNanos}, received now. */
    void record(String messageId, long sentAtNanos) {
        long now = System.nanoTime();
        if (!seen.add(messageId)) {
            return;
        }
        int index = received.getAndIncrement();
        if (index < latencyNanos.length) {
            latencyNanos[index] = now - sentAtNanos;
            lastReceivedAt.accumulateAndGet(now, Math::max);
            outstanding.countDown();
        }
    }

    /** Waits until every expected message has arrived or {@code limit} has passed, whichever comes first. */
    void awaitAll(Duration limit) {
        try {
            outstanding.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int received() {
        return Math.min(received.get(), latencyNanos.length);
    }

    long lastReceivedAtNanos() {
        return lastReceivedAt.get();
    }

    /** The median and 99th percentile of what was received, in microseconds. */
    LatencyPercentiles percentiles() {
        long[] sorted = Arrays.copyOf(latencyNanos, received());
        Arrays.sort(sorted);
        return new LatencyPercentiles(at(sorted, 0.50), at(sorted, 0.99));
    }

    private static double at(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(rank, 0)] / 1_000.0;
    }
}
