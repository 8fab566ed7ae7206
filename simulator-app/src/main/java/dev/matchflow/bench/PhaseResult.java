package dev.matchflow.bench;

/**
 * What one phase of the benchmark measured on one backend.
 *
 * @param expected messages published
 * @param received distinct messages received before the phase's time limit
 * @param publishPerSecond messages per second from the first publish to the last publish confirmation
 * @param endToEndPerSecond messages per second from the first publish to the last receipt
 * @param latency publish-to-receive latency percentiles
 */
public record PhaseResult(
        int expected, int received, double publishPerSecond, double endToEndPerSecond, LatencyPercentiles latency) {

    /** Whether every published message arrived within the phase's time limit. */
    public boolean complete() {
        return received == expected;
    }
}
