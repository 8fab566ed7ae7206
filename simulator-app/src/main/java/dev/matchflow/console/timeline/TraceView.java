package dev.matchflow.console.timeline;

import dev.matchflow.console.Outcomes;
import dev.matchflow.console.Tables;
import dev.matchflow.stack.FlowEvent;
import java.time.Duration;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/** The hop-by-hop trace of one leave, event or message: each hop with its outcome, when it started and how long. */
final class TraceView {

    private final TableView<FlowEvent> steps = new TableView<>();
    private final Label title = new Label("Select a row to see its trace");
    private final BorderPane root = new BorderPane();
    private Trace trace = new Trace(List.of());

    TraceView() {
        steps.setId("trace-table");
        steps.getColumns()
                .addAll(List.of(
                        Tables.column("At", 80, hop -> "+" + trace.offsetOf(hop).toMillis() + " ms"),
                        Tables.column("Hop", 210, hop -> hop.from() + " → " + hop.to()),
                        Tables.column("Step", 110, FlowEvent::action),
                        Tables.column("Outcome", 100, hop -> Outcomes.label(hop.outcome())),
                        Tables.column("Took", 80, hop -> millis(hop.duration())),
                        Tables.column("Ids", 190, TraceView::ids),
                        Tables.column("Detail", 520, FlowEvent::detail)));
        steps.setRowFactory(view -> outcomeRow());
        steps.setFixedCellSize(Tables.ROW_HEIGHT);
        steps.setPlaceholder(new Label("No trace selected"));
        title.setId("trace-title");
        title.setPadding(new Insets(4, 6, 4, 6));
        root.setTop(title);
        root.setCenter(steps);
    }

    BorderPane node() {
        return root;
    }

    void show(FlowEvent selected, Trace shown) {
        trace = shown;
        steps.setItems(FXCollections.observableArrayList(shown.hops()));
        steps.getSelectionModel().select(selected);
        title.setText(
                "Trace of " + selected.action() + (selected.userId() == null ? "" : " by user " + selected.userId())
                        + ": " + shown.hops().size() + " hops over " + millis(shown.span()));
    }

    void clear() {
        trace = new Trace(List.of());
        steps.getItems().clear();
        title.setText("Select a row to see its trace");
    }

    static TableRow<FlowEvent> outcomeRow() {
        return new TableRow<>() {
            @Override
            protected void updateItem(FlowEvent hop, boolean empty) {
                super.updateItem(hop, empty);
                Outcomes.mark(this, empty || hop == null ? null : hop.outcome());
            }
        };
    }

    private static String ids(FlowEvent hop) {
        StringBuilder ids = new StringBuilder();
        if (hop.eventId() != null) {
            ids.append("event ").append(Tables.shortId(hop.eventId())).append(' ');
        }
        if (hop.messageId() != null) {
            ids.append("message ").append(hop.messageId());
        }
        return ids.toString().strip();
    }

    private static String millis(Duration duration) {
        return duration.toNanos() < 1_000_000
                ? String.format("%.2f ms", duration.toNanos() / 1e6)
                : duration.toMillis() + " ms";
    }
}
