package dev.matchflow.scenarios.run;

import java.util.Objects;

/**
 * How one expectation fared.
 *
 * @param label what was expected, for example {@code dead letters: exactly 0}
 * @param line where it is written; 0 for the invariants a scenario checks without saying so
 * @param step the number of the {@code check} step that made it; 0 for the scenario's expectations
 * @param met whether it held
 * @param actual what was found, for example {@code 2 dead letters}, or the violations of an invariant
 */
public record ExpectationResult(String label, int line, int step, boolean met, String actual) {

    public ExpectationResult {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(actual, "actual");
    }
}
