package dev.matchflow.scenarios.run;

import dev.matchflow.scenarios.language.Scenario;
import dev.matchflow.scenarios.language.Step;
import dev.matchflow.stack.SystemStack;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every listener of a runner as one; a listener that throws is logged and skipped, the others still hear. */
final class Listeners implements RunListener {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();

    void add(RunListener listener) {
        listeners.add(listener);
    }

    void remove(RunListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void scenarioStarted(Scenario scenario, SystemStack stack) {
        tell("scenario started", listener -> listener.scenarioStarted(scenario, stack));
    }

    @Override
    public void stepStarted(int number, String label, Optional<Step> step) {
        tell("step started", listener -> listener.stepStarted(number, label, step));
    }

    @Override
    public void stepFinished(StepResult result) {
        tell("step finished", listener -> listener.stepFinished(result));
    }

    @Override
    public void churnProgress(int stepNumber, ChurnProgress progress) {
        tell("churn progress", listener -> listener.churnProgress(stepNumber, progress));
    }

    @Override
    public void leaveCleanedUp(LeaveLatency leave) {
        tell("leave cleaned up", listener -> listener.leaveCleanedUp(leave));
    }

    @Override
    public void expectationChecked(ExpectationResult result) {
        tell("expectation checked", listener -> listener.expectationChecked(result));
    }

    @Override
    public void scenarioFinished(ScenarioResult result) {
        tell("scenario finished", listener -> listener.scenarioFinished(result));
    }

    private void tell(String event, Consumer<RunListener> call) {
        for (RunListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn("run listener {} failed on '{}'; the run goes on", listener, event, e);
            }
        }
    }
}
