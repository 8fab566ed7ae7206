package dev.matchflow.pubsub.embedded;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every subscription of a broker shares.
 *
 * @param timer runs the lease expiry sweep, retry backoffs and pull timeouts
 * @param deliveries runs the consumers' deliveries, off the threads of requests
 * @param events the listener feed
 * @param deadLetters where exhausted messages go
 * @param timeScale how many times faster than real time retry backoffs and push retry delays run
 */
record DeliveryRuntime(
        ScheduledExecutorService timer,
        Executor deliveries,
        EventDispatcher events,
        DeadLetterTopics deadLetters,
        double timeScale) {}
