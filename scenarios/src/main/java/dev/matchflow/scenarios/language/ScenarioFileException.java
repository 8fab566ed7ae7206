package dev.matchflow.scenarios.language;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario file that cannot be run, with every problem found in it, each at its line. */
public final class ScenarioFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public ScenarioFileException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining(System.lineSeparator())));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a scenario file error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order they appear in the file. */
    public List<Problem> problems() {
        return problems;
    }
}
