package dev.matchflow.console.logs;

import dev.matchflow.console.NewestRows;
import dev.matchflow.console.Tables;
import dev.matchflow.console.UiBatch;
import java.util.List;
import java.util.function.Predicate;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** The logs screen: the last {@link #CAPACITY} log lines of the stack, filterable, following the newest. */
public final class LogsView {

    /** How many lines the screen keeps. */
    public static final int CAPACITY = 50_000;

    private static final List<String> LEVELS = List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
    private static final String ANY = "any";
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass WARN = PseudoClass.getPseudoClass("warn");

    private final NewestRows<LogLine> lines = new NewestRows<>(CAPACITY);
    private final FilteredList<LogLine> shown = new FilteredList<>(lines);
    private final TableView<LogLine> table = new TableView<>(shown);
    private final ChoiceBox<String> level = new ChoiceBox<>();
    private final ChoiceBox<Object> source = new ChoiceBox<>();
    private final TextField eventId = new TextField();
    private final CheckBox follow = new CheckBox("Follow newest");
    private final BorderPane root = new BorderPane();

    public LogsView(UiBatch<LogLine> captured) {
        captured.subscribe(this::add);
        table.setId("logs-table");
        table.getColumns()
                .addAll(List.of(
                        Tables.column("Time", 95, line -> Tables.clock(line.at())),
                        Tables.column("Level", 60, LogLine::level),
                        Tables.column("Component", 95, line -> line.source().label()),
                        Tables.column("Logger", 150, LogLine::logger),
                        Tables.column("Event", 80, line -> Tables.shortId(line.eventId())),
                        Tables.column("Message", 900, LogLine::message)));
        table.setRowFactory(view -> levelRow());
        table.setFixedCellSize(Tables.ROW_HEIGHT);
        root.setTop(filters());
        root.setCenter(table);
    }

    /**
     * Whether the logs' screen is shown. A hidden table is detached from its lines: a table lays itself out on every
     * change of its rows, shown or not.
     */
    public void setShowing(boolean showing) {
        table.setItems(showing ? shown : FXCollections.emptyObservableList());
    }

    public BorderPane node() {
        return root;
    }

    /** Forgets every line, as after a reset. */
    public void clear() {
        lines.clear();
    }

    private HBox filters() {
        level.getItems().addAll(LEVELS);
        level.setValue("DEBUG");
        level.setId("logs-level");
        source.getItems().add(ANY);
        source.getItems().addAll(List.of(LogSource.values()));
        source.setValue(ANY);
        source.setId("logs-component");
        eventId.setPromptText("event or message id");
        eventId.setId("logs-event-id");
        follow.setSelected(true);
        level.valueProperty().addListener((value, was, now) -> refilter());
        source.valueProperty().addListener((value, was, now) -> refilter());
        eventId.textProperty().addListener((value, was, now) -> refilter());
        HBox filters = new HBox(
                8,
                new Label("Level at least"),
                level,
                new Label("Component"),
                source,
                new Label("Id"),
                eventId,
                follow);
        filters.setPadding(new Insets(6));
        filters.getStyleClass().add("filter-bar");
        return filters;
    }

    private void add(List<LogLine> batch) {
        lines.append(batch);
        if (follow.isSelected()) {
            Tables.followNewest(table, shown.size());
        }
    }

    private void refilter() {
        int worst = LEVELS.indexOf(level.getValue());
        Object wantedSource = source.getValue();
        String wantedId = eventId.getText();
        Predicate<LogLine> filter = line -> LEVELS.indexOf(line.level()) <= worst
                && (ANY.equals(wantedSource) || line.source() == wantedSource)
                && line.mentions(wantedId);
        shown.setPredicate(filter);
    }

    private static TableRow<LogLine> levelRow() {
        return new TableRow<>() {
            @Override
            protected void updateItem(LogLine line, boolean empty) {
                super.updateItem(line, empty);
                String level = empty || line == null ? "" : line.level();
                pseudoClassStateChanged(ERROR, level.equals("ERROR"));
                pseudoClassStateChanged(WARN, level.equals("WARN"));
            }
        };
    }
}
