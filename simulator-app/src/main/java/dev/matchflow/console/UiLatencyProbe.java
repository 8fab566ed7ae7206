package dev.matchflow.console;

import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Measures how quickly the FX thread answers: every {@link #INTERVAL_MILLIS} ms a probe is posted to it from
 * another thread, and the time until it runs is kept. While nothing blocks the FX thread, probes run within a
 * frame or two; a long gap means the window froze. The last {@link #KEPT} probes are kept.
 */
public final class UiLatencyProbe implements AutoCloseable {

    static final long INTERVAL_MILLIS = 50;
    static final int KEPT = 200;

    private final long[] latencies = new long[KEPT];
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "console-latency-probe");
        thread.setDaemon(true);
        return thread;
    });
    private int count;
    private long worstEver;

    /** Starts probing. */
    public UiLatencyProbe start() {
        prober.scheduleAtFixedRate(this::probe, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The figures of the probes kept, in milliseconds. */
    public synchronized Figures figures() {
        int kept = Math.min(count, KEPT);
        long[] sorted = Arrays.copyOf(latencies, kept);
        Arrays.sort(sorted);
        return new Figures(
                count,
                Percentiles.of(sorted, 0.5, 1e6),
                Percentiles.of(sorted, 0.99, 1e6),
                Percentiles.of(sorted, 1.0, 1e6),
                worstEver / 1e6);
    }

    /** Forgets every probe, to measure a new stretch of time. */
    public synchronized void restart() {
        count = 0;
        worstEver = 0;
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }

    private void probe() {
        long posted = System.nanoTime();
        Platform.runLater(() -> record(System.nanoTime() - posted));
    }

    private synchronized void record(long nanos) {
        latencies[count % KEPT] = nanos;
        count++;
        worstEver = Math.max(worstEver, nanos);
    }

    /**
     * How long probes waited for the FX thread, in milliseconds.
     *
     * @param probes how many probes ran since the last restart
     * @param median the median of the last probes kept; NaN before the first probe
     * @param p99 the 99th percentile of the last probes kept
     * @param max the longest of the last probes kept
     * @param worstEver the longest since the last restart
     */
    public record Figures(long probes, double median, double p99, double max, double worstEver) {

        /** {@code UI latency median 1 ms, p99 4 ms, max 9 ms}. */
        public String describe() {
            return String.format("UI latency median %.1f ms, p99 %.1f ms, max %.1f ms", median, p99, max);
        }
    }
}
