package dev.matchflow.pubsub.embedded;

/**
 * What a subscription holds and has done, at one moment.
 *
 * @param backlog messages waiting to be delivered (including those waiting for a retry backoff or behind an earlier
 *     message of their ordering key)
 * @param inFlight messages delivered whose lease is alive: neither acked, nacked nor expired
 * @param deadLettered messages forwarded to the dead-letter topic
 * @param acked acknowledgements of delivered messages
 * @param nacked negative acknowledgements (a zero ack deadline, or a failed push)
 * @param expired leases that ran out before an ack
 * @param deliveries deliveries of messages, redeliveries included
 */
public record SubscriptionStats(
        long backlog, long inFlight, long deadLettered, long acked, long nacked, long expired, long deliveries) {}
