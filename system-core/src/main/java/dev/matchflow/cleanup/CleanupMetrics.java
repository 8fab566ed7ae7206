package dev.matchflow.cleanup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;

/**
 * The cleanup function's meters.
 *
 * <ul>
 *   <li>{@code cleanup.function.invocations}: every CloudEvent the function received
 *   <li>{@code cleanup.function.duration}: time per invocation, tagged {@code outcome}
 *       ({@code cleaned}, {@code duplicate}, {@code rejected}, {@code failed})
 *   <li>{@code cleanup.function.errors}: invocations that threw so the delivery is retried, tagged {@code cause}
 *   <li>{@code cleanup.events.rejected}: events acknowledged without cleanup, tagged {@code reason}
 *   <li>{@code cleanup.matches.deleted}, {@code cleanup.decisions.deleted}, {@code cleanup.accepted.kept}: the
 *       counts Matches reported, duplicates excluded
 * </ul>
 */
final class CleanupMetrics {

    enum Outcome {
        CLEANED,
        DUPLICATE,
        REJECTED,
        FAILED
    }

    private final MeterRegistry registry;
    private final Counter invocations;
    private final Counter matchesDeleted;
    private final Counter decisionsDeleted;
    private final Counter acceptedKept;

    CleanupMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.invocations = Counter.builder("cleanup.function.invocations")
                .description("CloudEvents the cleanup function received")
                .register(registry);
        this.matchesDeleted = Counter.builder("cleanup.matches.deleted")
                .description("Non-accepted matches deleted by cleanup")
                .register(registry);
        this.decisionsDeleted = Counter.builder("cleanup.decisions.deleted")
                .description("Decisions deleted with their matches by cleanup")
                .register(registry);
        this.acceptedKept = Counter.builder("cleanup.accepted.kept")
                .description("Accepted matches cleanup left in place")
                .register(registry);
    }

    /** Counts an invocation and starts timing it. */
    Timer.Sample invoked() {
        invocations.increment();
        return Timer.start(registry);
    }

    void finished(Timer.Sample sample, Outcome outcome) {
        sample.stop(Timer.builder("cleanup.function.duration")
                .description("Time the cleanup function took per invocation")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry));
    }

    void rejected(String reason) {
        Counter.builder("cleanup.events.rejected")
                .description("Events acknowledged without cleanup because no retry could make them succeed")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    void failed(FailureCause cause) {
        Counter.builder("cleanup.function.errors")
                .description("Invocations that failed so the delivery is retried")
                .tag("cause", cause.tag())
                .register(registry)
                .increment();
    }

    void cleaned(CleanupCounts counts) {
        if (counts.duplicate()) {
            return;
        }
        matchesDeleted.increment(counts.matchesDeleted());
        decisionsDeleted.increment(counts.decisionsDeleted());
        acceptedKept.increment(counts.acceptedKept());
    }
}
