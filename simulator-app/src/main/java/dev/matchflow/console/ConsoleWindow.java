package dev.matchflow.console;

import dev.matchflow.console.actions.ActionsPane;
import dev.matchflow.console.faults.FaultPlaces;
import dev.matchflow.console.faults.FaultSwitches;
import dev.matchflow.console.letters.LettersView;
import dev.matchflow.console.letters.PayloadTap;
import dev.matchflow.console.logs.LogCapture;
import dev.matchflow.console.logs.LogLine;
import dev.matchflow.console.logs.LogsView;
import dev.matchflow.console.metrics.MetricsView;
import dev.matchflow.console.pools.PoolsView;
import dev.matchflow.console.runner.RunnerView;
import dev.matchflow.console.timeline.TimelineView;
import dev.matchflow.console.topology.TopologyView;
import dev.matchflow.faults.ActiveFault;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's main window: a toolbar (reset, time scale, theme), one tab per screen, the actions on the right
 * and a status bar. It owns the stack session and the beat that brings every screen up to date.
 */
public final class ConsoleWindow implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsoleWindow.class);
    private static final List<Double> TIME_SCALES = List.of(1.0, 2.0, 5.0, 10.0, 30.0, 60.0);

    private final LiveUpdates live = new LiveUpdates();
    private final Selection selection = new Selection();
    private final StackSession session;
    private final UiBatch<LogLine> logLines = live.newBatch(5_000);
    private final PayloadTap payloads = new PayloadTap();
    private final UiLatencyProbe latency = new UiLatencyProbe();
    private final UiLatest<List<ActiveFault>> activeFaults = live.newLatest();
    private final FaultSwitches faultSwitches;
    private final TopologyView topology;
    private final PoolsView pools;
    private final TimelineView timeline;
    private final MetricsView metrics;
    private final LettersView letters;
    private final LogsView logs;
    private final ActionsPane actions;
    private final RunnerView runner;
    private final TabPane tabs = new TabPane();
    private final ChoiceBox<Double> timeScale = new ChoiceBox<>();
    private final Label status = new Label();
    private final Label figures = new Label();
    private final Shortcuts shortcuts = new Shortcuts();
    private final Timeline everySecond = new Timeline(new KeyFrame(Duration.seconds(1), tick -> showFigures()));
    private final Scene scene;
    private Theme theme;
    private AutoCloseable logCapture;

    public ConsoleWindow(ConsoleOptions options) {
        session = new StackSession(options.stack(), live);
        session.attach(payloads);
        faultSwitches = new FaultSwitches(session, activeFaults);
        session.attach(faultSwitches);
        topology = new TopologyView(session.events(), session.snapshots());
        topology.addDetailsSection(faultSwitches::switchesFor);
        activeFaults.subscribe(faults -> topology.showFaultStates(FaultPlaces.states(faults)));
        pools = new PoolsView(session.snapshots(), selection);
        timeline = new TimelineView(session.events(), session.snapshots());
        metrics = new MetricsView(session.events(), session.snapshots());
        letters = new LettersView(session.events(), session.snapshots(), payloads, session);
        logs = new LogsView(logLines);
        actions = new ActionsPane(session, selection, session.snapshots());
        runner = new RunnerView(session, live.newBatch(1_000));
        session.onReset(this::clearScreens);
        BorderPane root = new BorderPane();
        root.setTop(toolbar(options));
        root.setCenter(tabs());
        root.setRight(actions.node());
        root.setBottom(statusBar());
        scene = new Scene(root, 1440, 900);
        theme = options.theme();
        theme.apply(scene);
        installShortcuts();
    }

    public Scene scene() {
        return scene;
    }

    /** Starts the beat, the log capture and the stack; returns at once, the stack starts in the background. */
    public void start() {
        try {
            logCapture = LogCapture.into(logLines);
        } catch (IllegalStateException e) {
            log.warn("{}; the logs screen stays empty", e.getMessage());
        }
        live.start();
        latency.start();
        everySecond.setCycleCount(Animation.INDEFINITE);
        everySecond.play();
        session.start();
    }

    /** Empties the system: the stack is stopped and an empty one started at the chosen time scale. */
    public void reset() {
        session.reset(timeScale.getValue());
    }

    public void toggleTheme() {
        theme = theme.other();
        theme.apply(scene);
    }

    public StackSession session() {
        return session;
    }

    public LiveUpdates live() {
        return live;
    }

    public Selection selection() {
        return selection;
    }

    public TopologyView topology() {
        return topology;
    }

    public PoolsView pools() {
        return pools;
    }

    public TimelineView timeline() {
        return timeline;
    }

    public MetricsView metrics() {
        return metrics;
    }

    public ActionsPane actions() {
        return actions;
    }

    public RunnerView runner() {
        return runner;
    }

    public UiLatencyProbe latency() {
        return latency;
    }

    /** Shows the tab with this id: {@code topology}, {@code pools}, {@code timeline}, {@code metrics}, ... */
    public void showTab(String id) {
        tabs.getTabs().stream()
                .filter(tab -> id.equals(tab.getId()))
                .findFirst()
                .ifPresent(tab -> tabs.getSelectionModel().select(tab));
    }

    @Override
    public void close() {
        everySecond.stop();
        runner.close();
        live.stop();
        latency.close();
        session.close();
        if (logCapture != null) {
            try {
                logCapture.close();
            } catch (Exception e) {
                log.debug("the log capture did not stop cleanly: {}", e.toString());
            }
        }
    }

    private ToolBar toolbar(ConsoleOptions options) {
        Button reset = new Button("Reset");
        reset.setId("reset");
        reset.setOnAction(click -> reset());
        timeScale.getItems().addAll(TIME_SCALES);
        if (!TIME_SCALES.contains(options.stack().timeScale())) {
            timeScale.getItems().add(options.stack().timeScale());
        }
        timeScale.setValue(options.stack().timeScale());
        timeScale.setId("time-scale");
        Button themeToggle = new Button("Light / dark");
        themeToggle.setId("theme");
        themeToggle.setOnAction(click -> toggleTheme());
        Button help = new Button("Shortcuts");
        help.setOnAction(click -> shortcuts.showHelp());
        Label scaleLabel = new Label("Time scale (applies at reset)");
        return new ToolBar(reset, new Separator(), scaleLabel, timeScale, new Separator(), themeToggle, help);
    }

    private TabPane tabs() {
        tabs.getTabs()
                .addAll(
                        tab("Topology", "topology", topology.node()),
                        tab("Pools and matches", "pools", pools.node()),
                        tab("Timeline", "timeline", timeline.node()),
                        tab("Metrics", "metrics", metrics.node()),
                        tab("Dead letters", "letters", letters.node()),
                        tab("Logs", "logs", logs.node()),
                        tab("Scenarios", "scenarios", runner.node()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        whenShown("metrics", metrics::setShowing);
        whenShown("timeline", timeline::setShowing);
        whenShown("logs", logs::setShowing);
        return tabs;
    }

    /** Tells a screen whether its tab is shown, now and whenever that changes. */
    private void whenShown(String id, Consumer<Boolean> screen) {
        tabs.getTabs().stream()
                .filter(tab -> tab.getId().equals(id))
                .findFirst()
                .ifPresent(tab -> {
                    screen.accept(tab.isSelected());
                    tab.selectedProperty().addListener((selected, was, now) -> screen.accept(now));
                });
    }

    private static Tab tab(String title, String id, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        return tab;
    }

    private HBox statusBar() {
        status.setId("status");
        status.textProperty().bind(session.description());
        figures.setId("figures");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(12, status, gap, figures);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void showFigures() {
        long dropped = session.running()
                .map(running -> running.stack().flow().dropped())
                .orElse(0L);
        figures.setText(latency.figures().describe() + "  ·  waiting for the screens: "
                + session.events().waiting() + (dropped > 0 ? "  ·  dropped by the feed: " + dropped : ""));
    }

    private void clearScreens() {
        selection.clear();
        topology.clear();
        pools.clear();
        timeline.clear();
        metrics.clear();
        letters.clear();
        logs.clear();
    }

    private void installShortcuts() {
        String[] tabIds = {"topology", "pools", "timeline", "metrics", "letters", "logs", "scenarios"};
        for (int i = 0; i < tabIds.length; i++) {
            String id = tabIds[i];
            shortcuts.add("Shortcut+" + (i + 1), "show the " + id + " screen", () -> showTab(id));
        }
        shortcuts
                .add("Shortcut+N", "create a pool", actions::createPool)
                .add("Shortcut+U", "add users to the selected pool", actions::addUsers)
                .add("Shortcut+M", "create matches in the selected pool", actions::createMatches)
                .add("Shortcut+L", "the selected user leaves", actions::leave)
                .add("Shortcut+J", "the selected user rejoins", actions::rejoin)
                .add("Shortcut+P", "publish the hand-written message", actions::publish)
                .add("Shortcut+E", "run reconciliation", actions::reconcile)
                .add("F5", "run the open scenario", runner::run)
                .add("F6", "pause or resume the scenario", runner::pauseOrResume)
                .add("F7", "while paused, run one step of the scenario", runner::step)
                .add("F8", "stop the scenario", runner::stop)
                .add("Shortcut+Shift+R", "reset to an empty system", this::reset)
                .add("Shortcut+T", "switch between the light and the dark theme", this::toggleTheme)
                .add("F1", "show these shortcuts", shortcuts::showHelp);
        shortcuts.installOn(scene);
    }
}
