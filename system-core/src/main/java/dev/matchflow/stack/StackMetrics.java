package dev.matchflow.stack;

import dev.matchflow.trigger.Delivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The meters of what the stack runs beside the three services, which expose their own: the cleanup function
 * (its own meters, registered here by the function), the trigger's deliveries, and what the embedded Pub/Sub
 * server holds, the figures Cloud Monitoring would show for a subscription.
 *
 * <ul>
 *   <li>{@code trigger.deliveries}: POSTs of messages to the function, tagged {@code outcome} ({@code acked},
 *       {@code nacked})
 *   <li>{@code pubsub.subscription.backlog}, {@code pubsub.subscription.in.flight}: messages the trigger's
 *       subscription holds waiting, and delivered but not yet settled (embedded backend only)
 *   <li>{@code pubsub.dead.letters}: dead letters waiting in the dead-letter subscription (embedded backend only)
 * </ul>
 */
final class StackMetrics {

    private final MeterRegistry registry;

    StackMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts a delivery of the trigger. */
    void delivered(Delivery delivery) {
        Counter.builder("trigger.deliveries")
                .description("Messages the trigger POSTed to the cleanup function, by what it told Pub/Sub")
                .tag("outcome", delivery.outcome().name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    /** Reads the subscriptions' figures from {@code state} whenever they are scraped. */
    void watch(String subscription, Supplier<Optional<StackSnapshot.PubSubState>> state) {
        gauge(
                "pubsub.subscription.backlog",
                "Messages waiting for delivery",
                subscription,
                state,
                held -> held.trigger().backlog());
        gauge(
                "pubsub.subscription.in.flight",
                "Messages delivered and not yet acknowledged",
                subscription,
                state,
                held -> held.trigger().inFlight());
        gauge(
                "pubsub.dead.letters",
                "Dead letters waiting for inspection or redrive",
                subscription,
                state,
                held -> held.deadLetters().backlog());
    }

    private void gauge(
            String name,
            String description,
            String subscription,
            Supplier<Optional<StackSnapshot.PubSubState>> state,
            ToDoubleFunction<StackSnapshot.PubSubState> figure) {
        Gauge.builder(name, state, held -> held.get().map(figure::applyAsDouble).orElse(Double.NaN))
                .description(description)
                .tag("subscription", subscription)
                .register(registry);
    }
}
