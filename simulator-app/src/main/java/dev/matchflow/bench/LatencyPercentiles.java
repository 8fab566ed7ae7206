package dev.matchflow.bench;

/**
 * Publish-to-receive latency percentiles, in microseconds; {@code NaN} when nothing arrived.
 *
 * @param medianMicros the median
 * @param p99Micros the 99th percentile
 */
public record LatencyPercentiles(double medianMicros, double p99Micros) {}
