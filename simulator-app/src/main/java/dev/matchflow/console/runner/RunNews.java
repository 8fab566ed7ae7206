package dev.matchflow.console.runner;

import dev.matchflow.console.UiBatch;
import dev.matchflow.scenarios.language.Scenario;
import dev.matchflow.scenarios.language.Step;
import dev.matchflow.scenarios.run.ChurnProgress;
import dev.matchflow.scenarios.run.ExpectationResult;
import dev.matchflow.scenarios.run.RunListener;
import dev.matchflow.scenarios.run.ScenarioResult;
import dev.matchflow.scenarios.run.StepResult;
import dev.matchflow.stack.SystemStack;
import java.util.Optional;

/** Hears the runner on its threads and queues what it heard for the screen's next beat. */
final class RunNews implements RunListener {

    private final UiBatch<Runnable> news;
    private final RunnerView view;

    RunNews(UiBatch<Runnable> news, RunnerView view) {
        this.news = news;
        this.view = view;
    }

    @Override
    public void scenarioStarted(Scenario scenario, SystemStack stack) {
        news.offer(() -> view.progressed(
                "Running " + scenario.name() + " on " + stack.settings().pubsub()));
    }

    @Override
    public void stepStarted(int number, String label, Optional<Step> step) {
        news.offer(() -> view.stepStarted(number, label));
    }

    @Override
    public void stepFinished(StepResult result) {
        StepRow row = StepRow.finished(result);
        news.offer(() -> view.stepFinished(row));
    }

    @Override
    public void churnProgress(int stepNumber, ChurnProgress progress) {
        String text = "Step " + stepNumber + ": " + progress.started()
                + progress.planned().stream()
                        .mapToObj(planned -> " of " + planned)
                        .findFirst()
                        .orElse("")
                + " churn operations after " + progress.elapsed().toSeconds() + " s";
        news.offer(() -> view.progressed(text));
    }

    @Override
    public void expectationChecked(ExpectationResult result) {
        news.offer(() -> view.expectationChecked(result));
    }

    @Override
    public void scenarioFinished(ScenarioResult result) {
        news.offer(() -> view.finished(result));
    }
}
