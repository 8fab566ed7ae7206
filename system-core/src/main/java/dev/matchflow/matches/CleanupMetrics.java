package dev.matchflow.matches;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what cleanups did, by scope ({@code user}: one leave; {@code pool}: a whole pool; {@code reconcile}: a
 * reconciliation sweep), and the pools each sweep checked.
 */
final class CleanupMetrics {

    private final MeterRegistry registry;
    private final Counter duplicates;

    CleanupMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duplicates = Counter.builder("matchflow.cleanup.duplicates")
                .description("Cleanup events seen again; they deleted nothing")
                .register(registry);
    }

    void recordUser(CleanupOutcome outcome) {
        if (outcome.duplicate()) {
            duplicates.increment();
            return;
        }
        record("user", outcome);
    }

    void recordPool(CleanupOutcome outcome) {
        record("pool", outcome);
    }

    void recordReconcile(ReconcileOutcome outcome) {
        record(
                "reconcile",
                new CleanupOutcome(
                        outcome.matchesDeleted(), outcome.decisionsDeleted(), outcome.acceptedKept(), false));
        Counter.builder("matchflow.reconcile.pools.checked")
                .description("Pools a reconciliation sweep checked against their members in Pools")
                .register(registry)
                .increment(outcome.poolsChecked());
    }

    private void record(String scope, CleanupOutcome outcome) {
        counter("matchflow.cleanup.runs", scope, "Cleanups done").increment();
        counter("matchflow.cleanup.matches.deleted", scope, "Non-accepted matches deleted by cleanup")
                .increment(outcome.matchesDeleted());
        counter("matchflow.cleanup.decisions.deleted", scope, "Decisions deleted with their matches by cleanup")
                .increment(outcome.decisionsDeleted());
        counter("matchflow.cleanup.accepted.kept", scope, "Accepted matches a cleanup kept")
                .increment(outcome.acceptedKept());
    }

    private Counter counter(String name, String scope, String description) {
        return Counter.builder(name)
                .description(description)
                .tag("scope", scope)
                .register(registry);
    }
}
