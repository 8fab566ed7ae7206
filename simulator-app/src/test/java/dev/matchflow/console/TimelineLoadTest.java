package dev.matchflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.matchflow.console.timeline.TimelineView;
import dev.matchflow.stack.Component;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import dev.matchflow.stack.StackSettings;
import java.time.Duration;
import java.time.Instant;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The timeline with 100,000 rows: a flood of hops is taken in batches, the table stays virtualised, and filtering
 * and scrolling work on all of it. How long the FX thread kept probes waiting is printed, not asserted.
 */
@ExtendWith(FxToolkitExtension.class)
class TimelineLoadTest extends FxRobot {

    private static final int ROWS = 100_000;

    @RegisterExtension
    static final ConsoleUnderTest console = new ConsoleUnderTest(StackSettings.defaults());

    @Test
    void aHundredThousandRowsArriveInBatchesAndStayFilterable() throws Exception {
        ConsoleWindow window = console.window();
        interact(() -> window.showTab("timeline"));
        window.latency().restart();
        long started = System.nanoTime();

        for (int i = 1; i <= ROWS; i++) {
            window.session().events().offer(hop(i));
        }

        TableView<FlowEvent> table = lookup("#timeline-table").queryTableView();
        await().atMost(Duration.ofSeconds(60)).until(() -> table.getItems().size() >= ROWS);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        interact(() -> table.scrollTo(ROWS / 2));
        TimelineView timeline = window.timeline();
        interact(() -> timeline.filterByUser("user-0042"));
        assertThat(timeline.shownRows()).hasSize(ROWS / 1000);
        assertThat(table.lookupAll(".table-row-cell").size())
                .as("only the rows on screen have cells")
                .isLessThan(100);
        System.out.printf(
                "timeline: %d rows shown in %d ms; %s (worst %.1f ms over %d probes)%n",
                ROWS,
                tookMillis,
                window.latency().figures().describe(),
                window.latency().figures().worstEver(),
                window.latency().figures().probes());
        interact(() -> timeline.filterByUser(""));
        Screenshots.save(window.scene(), "timeline-100k");
    }

    private static FlowEvent hop(int i) {
        return new FlowEvent(
                i,
                Instant.now(),
                Component.TRIGGER,
                Component.FUNCTION,
                "deliver",
                i % 10 == 0 ? FlowOutcome.RETRIED : FlowOutcome.OK,
                null,
                Integer.toString(i),
                String.format("user-%04d", i % 1000),
                "pool-1",
                null,
                Duration.ofMillis(i % 50),
                "attempt 1, acked");
    }
}
