package dev.matchflow.scenarios.run;

import dev.matchflow.scenarios.language.Scenario;
import dev.matchflow.scenarios.language.Step;
import dev.matchflow.stack.SystemStack;

/**
 * Hears what a {@link ScenarioRunner} does, as it does it. Every method has an empty default, so a listener takes
 * only what it needs.
 *
 * <p>Calls come on the runner's thread, in order, except {@link #leaveCleanedUp} and {@link #churnProgress}, which
 * come from the threads that saw them. A listener must return quickly (a console hands the event to its UI thread);
 * an exception it throws is logged and does not stop the run.
 */
public interface RunListener {

    /** The scenario starts on {@code stack}, before its set-up. */
    default void scenarioStarted(Scenario scenario, SystemStack stack) {}

    /**
     * A step starts: step 0 is the set-up, then the file's steps from 1, then the final wait for quiescence.
     *
     * @param step the file's step; empty for the set-up and the final wait
     */
    default void stepStarted(int number, String label, java.util.Optional<Step> step) {}

    default void stepFinished(StepResult result) {}

    /** About once a second while a churn runs: how many of its operations are done. */
    default void churnProgress(int stepNumber, ChurnProgress progress) {}

    /** A leave's cleanup completed. */
    default void leaveCleanedUp(LeaveLatency leave) {}

    default void expectationChecked(ExpectationResult result) {}

    default void scenarioFinished(ScenarioResult result) {}
}
