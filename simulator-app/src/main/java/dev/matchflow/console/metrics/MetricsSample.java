package dev.matchflow.console.metrics;

/**
 * The figures of one second.
 *
 * @param second seconds since the sampler started
 * @param published messages published to the topic in that second (by the outbox relay or by hand)
 * @param backlog messages waiting in the trigger's subscription when last read
 * @param inFlight messages delivered and not yet settled when last read
 * @param invocations deliveries of the trigger to the function in that second
 * @param errors of those, deliveries the function failed (they will be retried or dead-lettered)
 * @param latencyMedianMillis median leave-to-cleanup latency of cleanups in the last {@link
 *     MetricsSampler#LATENCY_WINDOW}; NaN when there were none
 * @param latencyP99Millis the 99th percentile of the same; NaN when there were none
 */
public record MetricsSample(
        long second,
        long published,
        long backlog,
        long inFlight,
        long invocations,
        long errors,
        double latencyMedianMillis,
        double latencyP99Millis) {}
