package dev.matchflow.scenarios.language;

/** One problem found while reading a value; the parser collects these into a {@link ScenarioFileException}. */
final class BadValue extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    BadValue(Problem problem) {
        super(problem.toString(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
