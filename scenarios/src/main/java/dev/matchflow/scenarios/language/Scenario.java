package dev.matchflow.scenarios.language;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One scenario, as its file describes it: every name resolved, every number checked.
 *
 * @param name its title
 * @param file the file it was read from
 * @param description the comment at the top of the file, which says what the scenario shows
 * @param seed what every random choice of the run derives from: the same seed sends the same requests
 * @param stack how the stack runs
 * @param setup what exists before the first step
 * @param steps what happens, in order
 * @param expectations what must hold at the end, once the stack is quiet
 * @param quietWithin how long the stack may take to become quiet after the last step
 */
public record Scenario(
        String name,
        String file,
        String description,
        long seed,
        StackChoice stack,
        Setup setup,
        List<Step> steps,
        Expectations expectations,
        Duration quietWithin) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(setup, "setup");
        steps = List.copyOf(steps);
        Objects.requireNonNull(expectations, "expectations");
        Objects.requireNonNull(quietWithin, "quietWithin");
    }
}
