package dev.matchflow.scenarios.run;

/** How a step or an expectation fared. */
public enum Verdict {
    PASSED,
    FAILED,
    /** Not run, because an earlier step failed or the run was stopped. */
    SKIPPED
}
