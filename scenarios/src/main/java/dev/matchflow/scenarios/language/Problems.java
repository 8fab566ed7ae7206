package dev.matchflow.scenarios.language;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The problems found in one file so far; reading goes on after a problem so that one run reports them all. */
final class Problems {

    private final List<Problem> found = new ArrayList<>();

    /** Reads a part of the file; a problem in it is noted, and the part is left out. */
    <T> Optional<T> attempt(Supplier<T> reading) {
        try {
            return Optional.of(reading.get());
        } catch (BadValue e) {
            found.add(e.problem());
            return Optional.empty();
        }
    }

    void attempt(Runnable reading) {
        attempt(() -> {
            reading.run();
            return Boolean.TRUE;
        });
    }

    void add(Problem problem) {
        found.add(problem);
    }

    /** Throws the problems found, in file order, if there are any. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            List<Problem> ordered = new ArrayList<>(found);
            ordered.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            throw new ScenarioFileException(ordered);
        }
    }
}
