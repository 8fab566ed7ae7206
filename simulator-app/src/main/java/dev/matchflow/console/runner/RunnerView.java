package dev.matchflow.console.runner;

import dev.matchflow.console.ErrorDialog;
import dev.matchflow.console.Panes;
import dev.matchflow.console.StackSession;
import dev.matchflow.console.Tables;
import dev.matchflow.console.UiBatch;
import dev.matchflow.db.DatabaseSettings;
import dev.matchflow.scenarios.language.Scenario;
import dev.matchflow.scenarios.language.ScenarioParser;
import dev.matchflow.scenarios.report.Reports;
import dev.matchflow.scenarios.run.ExpectationResult;
import dev.matchflow.scenarios.run.RunControl;
import dev.matchflow.scenarios.run.RunOptions;
import dev.matchflow.scenarios.run.ScenarioResult;
import dev.matchflow.scenarios.run.ScenarioRunner;
import dev.matchflow.stack.StackSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The scenario runner screen. Running a scenario resets the console to an empty stack set up as the scenario says
 * (its time scale, whether events are published), then runs it there, so every other screen shows the run live.
 * The runner's news arrives on its thread and reaches the screen in the console's batches.
 */
public final class RunnerView {

    private static final List<Double> SPEEDS = List.of(0.25, 0.5, 1.0, 2.0, 5.0, 10.0);
    private static final List<String> STATUSES = List.of("running", "passed", "failed", "skipped");

    private final StackSession session;
    private final UiBatch<Runnable> news;
    private final ExecutorService runs = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "console-scenario");
        thread.setDaemon(true);
        return thread;
    });
    private final ComboBox<ScenarioLibrary.Entry> library = new ComboBox<>();
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final ObservableList<ExpectationResult> expectations = FXCollections.observableArrayList();
    private final ChoiceBox<Double> speed = new ChoiceBox<>();
    private final Label chosen = new Label("Open a scenario from the library or a file");
    private final Label progress = new Label();
    private final Label summary = new Label();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final BorderPane root = new BorderPane();
    private Scenario scenario;
    private RunControl control;
    private ScenarioResult lastResult;

    public RunnerView(StackSession session, UiBatch<Runnable> news) {
        this.session = session;
        this.news = news;
        news.subscribe(batch -> batch.forEach(Runnable::run));
        root.setTop(new VBox(toolbar(), controls()));
        root.setCenter(results());
        root.setBottom(new VBox(4, progress, summary));
        root.setPadding(new Insets(6));
        progress.setId("scenario-progress");
        summary.setId("scenario-summary");
        summary.setWrapText(true);
    }

    public BorderPane node() {
        return root;
    }

    /** True while a scenario runs. */
    public ReadOnlyBooleanProperty running() {
        return running.getReadOnlyProperty();
    }

    /** The result of the last run, once it finished. */
    public Optional<ScenarioResult> lastResult() {
        return Optional.ofNullable(lastResult);
    }

    /** Opens the library scenario with this file name, for example {@code plain-leave}. */
    public void openFromLibrary(String name) {
        library.getItems().stream()
                .filter(entry -> entry.name().equals(name))
                .findFirst()
                .ifPresentOrElse(
                        entry -> library.getSelectionModel().select(entry),
                        () -> summary.setText("The library has no scenario named " + name));
    }

    /** Reads a scenario file; a file with problems opens the error dialog, listing them with their lines. */
    public void openFile(Path file) {
        try {
            show(ScenarioParser.load(file));
        } catch (RuntimeException e) {
            ErrorDialog.show("Opening the scenario " + file + " failed", e);
        }
    }

    /** Runs the open scenario on an empty stack set up as it says. */
    public void run() {
        if (scenario == null || running.get()) {
            summary.setText(scenario == null ? "Open a scenario first" : "A scenario is running already");
            return;
        }
        Scenario toRun = scenario;
        control = new RunControl();
        control.setSpeed(speed.getValue());
        ScenarioRunner runner = new ScenarioRunner(RunOptions.defaults(), control, System.getenv());
        runner.addListener(new RunNews(news, this));
        StackSettings settings;
        try {
            settings = runner.stackSettings(toRun, DatabaseSettings.inMemory());
        } catch (IllegalArgumentException e) {
            ErrorDialog.show("Running " + toRun.name() + " failed", e);
            return;
        }
        steps.clear();
        expectations.clear();
        running.set(true);
        summary.setText("Starting an empty stack for " + toRun.name() + "...");
        session.resetTo(settings)
                .thenApplyAsync(
                        started -> runner.runOn(
                                toRun, session.running().orElseThrow().stack()),
                        runs)
                .whenComplete((result, error) -> {
                    if (error != null) {
                        ErrorDialog.show("Running " + toRun.name() + " failed", error);
                        news.offer(() -> running.set(false));
                    }
                });
    }

    /** Pauses a running scenario, or lets a paused one run on. */
    public void pauseOrResume() {
        if (control == null || !running.get()) {
            return;
        }
        if (control.isPaused()) {
            control.resume();
            summary.setText("Running " + scenario.name());
        } else {
            control.pause();
            summary.setText("Paused; Step runs one step, Resume runs on");
        }
    }

    /** While paused, runs one step and pauses again. */
    public void step() {
        if (control != null && running.get()) {
            control.step();
        }
    }

    /** Skips the steps left; what can be checked still is, and reported. */
    public void stop() {
        if (control != null && running.get()) {
            control.stop();
        }
    }

    /**
     * Writes the last run's reports (JUnit XML for CI, an HTML page for people) into {@code folder}.
     *
     * @return the HTML page, once written
     */
    public CompletableFuture<Path> exportTo(Path folder) {
        ScenarioResult result = lastResult;
        if (result == null) {
            summary.setText("Run a scenario first; its report is what gets exported");
            return CompletableFuture.failedFuture(new IllegalStateException("no scenario has run yet"));
        }
        CompletableFuture<Path> written =
                CompletableFuture.supplyAsync(() -> Reports.write(List.of(result), result.startedAt(), folder), runs);
        written.whenComplete((page, error) -> Platform.runLater(() -> {
            if (error != null) {
                ErrorDialog.show("Exporting the report to " + folder + " failed", error);
            } else {
                summary.setText("Report written: " + page);
            }
        }));
        return written;
    }

    /** Stops a run under way and its thread, as the console closes. */
    public void close() {
        stop();
        runs.shutdownNow();
    }

    void stepStarted(int number, String label) {
        replaceStep(StepRow.started(number, label));
    }

    void stepFinished(StepRow row) {
        replaceStep(row);
    }

    void expectationChecked(ExpectationResult result) {
        expectations.add(result);
    }

    void progressed(String text) {
        progress.setText(text);
    }

    void finished(ScenarioResult result) {
        lastResult = result;
        running.set(false);
        progress.setText("");
        summary.setText(
                result.passed()
                        ? "PASSED: " + result.name() + " in " + result.took().toMillis() + " ms"
                        : "FAILED: " + result.name() + ": " + String.join("; ", result.failures()));
        summary.pseudoClassStateChanged(PseudoClass.getPseudoClass("passed"), result.passed());
        summary.pseudoClassStateChanged(PseudoClass.getPseudoClass("failed"), !result.passed());
    }

    private void replaceStep(StepRow row) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).number() == row.number() && steps.get(i).label().equals(row.label())) {
                steps.set(i, row);
                return;
            }
        }
        steps.add(row);
    }

    private void show(Scenario opened) {
        scenario = opened;
        chosen.setText(opened.name() + " (" + opened.file() + ")");
        steps.clear();
        expectations.clear();
        summary.setText("");
    }

    private HBox toolbar() {
        library.setId("scenario-library");
        library.setPromptText("library");
        library.setConverter(libraryNames());
        try {
            library.getItems().setAll(ScenarioLibrary.entries());
        } catch (RuntimeException e) {
            chosen.setText(e.getMessage());
        }
        library.valueProperty().addListener((entry, was, now) -> openEntry(now));
        Button open = button("Open file...", "open-scenario", this::chooseFile);
        chosen.setId("scenario-name");
        HBox bar = new HBox(8, new Label("Scenario"), library, open, chosen);
        bar.setPadding(new Insets(0, 0, 6, 0));
        bar.getStyleClass().add("filter-bar");
        return bar;
    }

    private HBox controls() {
        speed.getItems().addAll(SPEEDS);
        speed.setValue(1.0);
        speed.setId("scenario-speed");
        speed.valueProperty().addListener((value, was, now) -> {
            if (control != null) {
                control.setSpeed(now);
            }
        });
        Button run = button("Run", "run-scenario", this::run);
        Button pause = button("Pause / resume", "pause-scenario", this::pauseOrResume);
        Button step = button("Step", "step-scenario", this::step);
        Button stop = button("Stop", "stop-scenario", this::stop);
        Button export = button("Export report...", "export-report", this::chooseExportFolder);
        run.disableProperty().bind(running);
        pause.disableProperty().bind(running.not());
        step.disableProperty().bind(running.not());
        stop.disableProperty().bind(running.not());
        export.disableProperty().bind(running);
        HBox bar = new HBox(8, run, pause, step, stop, new Label("Speed"), speed, export);
        bar.setPadding(new Insets(0, 0, 6, 0));
        bar.getStyleClass().add("filter-bar");
        return bar;
    }

    private SplitPane results() {
        TableView<StepRow> stepTable = new TableView<>(steps);
        stepTable.setId("scenario-steps");
        stepTable
                .getColumns()
                .addAll(List.of(
                        Tables.column("#", 40, row -> Integer.toString(row.number())),
                        Tables.column("Step", 320, StepRow::label),
                        Tables.column("Verdict", 80, StepRow::status),
                        Tables.column("Took", 80, StepRow::took),
                        Tables.column("What happened", 520, StepRow::detail)));
        stepTable.setRowFactory(table -> statusRow(StepRow::status));
        stepTable.setPlaceholder(new Label("The steps appear here as they run"));
        TableView<ExpectationResult> expectationTable = new TableView<>(expectations);
        expectationTable.setId("scenario-expectations");
        expectationTable
                .getColumns()
                .addAll(List.of(
                        Tables.column("Expected", 360, ExpectationResult::label),
                        Tables.column("Line", 50, result -> result.line() == 0 ? "" : Integer.toString(result.line())),
                        Tables.column("Verdict", 80, result -> result.met() ? "met" : "not met"),
                        Tables.column("Found", 520, ExpectationResult::actual)));
        expectationTable.setRowFactory(table -> statusRow(result -> result.met() ? "passed" : "failed"));
        expectationTable.setPlaceholder(new Label("The expectations appear here once they are checked"));
        SplitPane split = new SplitPane(
                Panes.titled("Steps", stepTable), Panes.titled("Expectations and invariants", expectationTable));
        split.setOrientation(Orientation.VERTICAL);
        return split;
    }

    private void openEntry(ScenarioLibrary.Entry entry) {
        if (entry == null) {
            return;
        }
        try {
            show(ScenarioParser.parse(entry.file(), entry.text()));
        } catch (RuntimeException e) {
            ErrorDialog.show("Opening the library scenario " + entry.name() + " failed", e);
        }
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a scenario");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scenarios", "*.yaml", "*.yml"));
        Optional.ofNullable(chooser.showOpenDialog(root.getScene().getWindow()))
                .ifPresent(file -> openFile(file.toPath()));
    }

    private void chooseExportFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export the report into");
        Optional.ofNullable(chooser.showDialog(root.getScene().getWindow()))
                .ifPresent(folder -> exportTo(folder.toPath()));
    }

    private static <T> TableRow<T> statusRow(Function<T, String> status) {
        return new TableRow<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                String shown = empty || item == null ? "" : status.apply(item);
                for (String each : STATUSES) {
                    pseudoClassStateChanged(PseudoClass.getPseudoClass(each), each.equals(shown));
                }
            }
        };
    }

    private static StringConverter<ScenarioLibrary.Entry> libraryNames() {
        return new StringConverter<>() {
            @Override
            public String toString(ScenarioLibrary.Entry entry) {
                return entry == null ? "" : entry.name();
            }

            @Override
            public ScenarioLibrary.Entry fromString(String name) {
                return null;
            }
        };
    }

    private static Button button(String text, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(click -> action.run());
        return button;
    }
}
