package dev.matchflow.usermatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/**
 * User-Match's event meters.
 *
 * <ul>
 *   <li>{@code usermatch.publish.attempts}: events handed to the publisher, by a leave or by the relay
 *   <li>{@code usermatch.publish.failures}: publishes that went wrong, tagged {@code reason}: {@code refused} (the
 *       publisher gave up; the event is tried again after a backoff) or {@code unanswered} (no answer within the
 *       publish timeout; the publish stays in flight)
 *   <li>{@code usermatch.publish.in_flight}: publishes handed to the publisher and not yet answered
 *   <li>{@code usermatch.outbox.backlog}: events stored and not yet published
 *   <li>{@code usermatch.events.unpublished}: events only logged because publishing is disabled
 * </ul>
 */
final class OutboxMetrics {

    private final MeterRegistry registry;
    private final Counter attempts;
    private final Counter refused;
    private final Counter unanswered;
    private final Counter unpublished;

    OutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.attempts = Counter.builder("usermatch.publish.attempts")
                .description("pool_member_removed events handed to the publisher")
                .register(registry);
        this.refused = failures("refused");
        this.unanswered = failures("unanswered");
        this.unpublished = Counter.builder("usermatch.events.unpublished")
                .description("Events only logged because ENABLE_EVENT_PUBLISHING is false")
                .register(registry);
    }

    /** Reports the backlog as {@code pending} counts it whenever the registry is read. */
    void watchBacklog(IntSupplier pending) {
        Gauge.builder("usermatch.outbox.backlog", pending::getAsInt)
                .description("Events in the outbox not yet published")
                .register(registry);
    }

    /** Reports the publishes in flight as {@code inFlight} counts them whenever the registry is read. */
    void watchInFlight(IntSupplier inFlight) {
        Gauge.builder("usermatch.publish.in_flight", inFlight::getAsInt)
                .description("Publishes handed to the publisher and not yet answered")
                .register(registry);
    }

    void attempted() {
        attempts.increment();
    }

    void refused() {
        refused.increment();
    }

    void unanswered() {
        unanswered.increment();
    }

    void loggedOnly() {
        unpublished.increment();
    }

    private Counter failures(String reason) {
        return Counter.builder("usermatch.publish.failures")
                .description("Publishes that went wrong; the event stays in the outbox")
                .tag("reason", reason)
                .register(registry);
    }
}
