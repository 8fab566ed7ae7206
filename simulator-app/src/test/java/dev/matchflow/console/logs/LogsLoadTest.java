package dev.matchflow.console.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.matchflow.console.FxToolkitExtension;
import dev.matchflow.console.LiveUpdates;
import dev.matchflow.console.UiBatch;
import dev.matchflow.console.UiLatencyProbe;
import java.time.Duration;
import java.time.Instant;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The logs screen under a flood of six times its capacity, five thousand lines a beat: the screen keeps the newest
 * lines up to its capacity and stays filterable. How long the FX thread kept probes waiting is printed, not asserted.
 */
@ExtendWith(FxToolkitExtension.class)
class LogsLoadTest extends FxRobot {

    private static final int LINES = 6 * LogsView.CAPACITY;
    private static final int INFO_EVERY = 100;

    @Test
    void aFloodOfLinesKeepsTheNewestAndStaysFilterable() throws Exception {
        LiveUpdates live = new LiveUpdates();
        UiBatch<LogLine> captured = live.newBatch(5_000);
        LogsView logs = new LogsView(captured);
        Stage stage = FxToolkit.registerStage(Stage::new);
        interact(() -> {
            stage.setScene(new Scene(logs.node(), 1200, 800));
            stage.show();
            logs.setShowing(true);
            live.start();
        });
        try {
            flood(live, captured);
            keepsTheNewestAndFilters(logs);
        } finally {
            interact(stage::close);
        }
    }

    private void flood(LiveUpdates live, UiBatch<LogLine> captured) {
        try (UiLatencyProbe latency = new UiLatencyProbe().start()) {
            long started = System.nanoTime();
            for (int i = 1; i <= LINES; i++) {
                captured.offer(line(i));
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> captured.waiting() == 0);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf(
                    "logs: %d lines shown in %d ms; %s (worst %.1f ms over %d probes)%n",
                    LINES,
                    tookMillis,
                    latency.figures().describe(),
                    latency.figures().worstEver(),
                    latency.figures().probes());
        } finally {
            interact(live::stop);
        }
    }

    private void keepsTheNewestAndFilters(LogsView logs) {
        TableView<LogLine> table = from(logs.node()).lookup("#logs-table").queryTableView();
        int kept = table.getItems().size();
        assertThat(kept).isEqualTo(LogsView.CAPACITY);
        assertThat(table.getItems().get(kept - 1).message()).isEqualTo("line " + LINES);
        ChoiceBox<String> level = from(logs.node()).lookup("#logs-level").query();
        interact(() -> level.setValue("INFO"));
        assertThat(table.getItems())
                .as("the INFO lines among the newest %d", kept)
                .hasSize(LINES / INFO_EVERY - (LINES - kept) / INFO_EVERY)
                .allSatisfy(line -> assertThat(line.level()).isEqualTo("INFO"));
    }

    private static LogLine line(int i) {
        return new LogLine(
                Instant.now(),
                i % INFO_EVERY == 0 ? "INFO" : "DEBUG",
                LogSource.TRIGGER,
                "PushDelivery",
                "push-1",
                "event-" + i,
                Integer.toString(i),
                "line " + i);
    }
}
