package dev.matchflow.invariants;

import java.util.List;
import java.util.Objects;

/**
 * How one invariant fared in one run.
 *
 * @param invariant the invariant checked
 * @param checked how many things it looked at (matches, pools, events), to tell a pass from an empty run
 * @param violations one sentence per violation, naming the ids involved; empty when it holds
 */
public record InvariantResult(Invariant invariant, int checked, List<String> violations) {

    public InvariantResult {
        Objects.requireNonNull(invariant, "invariant");
        violations = List.copyOf(violations);
    }

    public boolean holds() {
        return violations.isEmpty();
    }

    /** {@code holds (12 checked)}, or the first violations. */
    public String summary() {
        if (holds()) {
            return "holds (" + checked + " checked)";
        }
        List<String> first = violations.subList(0, Math.min(3, violations.size()));
        String more = violations.size() > first.size() ? " and " + (violations.size() - first.size()) + " more" : "";
        return violations.size() + " violations: " + String.join("; ", first) + more;
    }
}
