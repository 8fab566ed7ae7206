package dev.matchflow.console.timeline;

import dev.matchflow.console.NewestRows;
import dev.matchflow.console.Outcomes;
import dev.matchflow.console.Tables;
import dev.matchflow.console.UiBatch;
import dev.matchflow.console.UiLatest;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import dev.matchflow.stack.StackSnapshot;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The event timeline: every hop through the system, newest last, in a virtualised table that stays smooth with
 * {@link #CAPACITY} rows. Filters narrow it by user, pool and outcome; selecting a row opens its trace below.
 */
public final class TimelineView {

    /** How many rows the timeline keeps; older ones are dropped. */
    public static final int CAPACITY = 200_000;

    private static final String ANY = "any";

    private final NewestRows<FlowEvent> rows = new NewestRows<>(CAPACITY);
    private final FilteredList<FlowEvent> shown = new FilteredList<>(rows);
    private final TableView<FlowEvent> table = new TableView<>(shown);
    private final TextField user = new TextField();
    private final TextField pool = new TextField();
    private final ChoiceBox<String> outcome = new ChoiceBox<>();
    private final CheckBox follow = new CheckBox("Follow newest");
    private final Label count = new Label();
    private final TraceView trace = new TraceView();
    private final UiLatest<StackSnapshot> snapshots;
    private final BorderPane root = new BorderPane();
    private FlowEvent selectedWhileHidden;

    public TimelineView(UiBatch<FlowEvent> events, UiLatest<StackSnapshot> snapshots) {
        this.snapshots = snapshots;
        events.subscribe(this::add);
        table.setId("timeline-table");
        table.getColumns().addAll(columns());
        table.setRowFactory(view -> TraceView.outcomeRow());
        table.setFixedCellSize(Tables.ROW_HEIGHT);
        table.setPlaceholder(new Label("Nothing has moved through the system yet"));
        table.getSelectionModel().selectedItemProperty().addListener((item, was, now) -> open(now));
        SplitPane split = new SplitPane(table, trace.node());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        root.setTop(filters());
        root.setCenter(split);
    }

    public BorderPane node() {
        return root;
    }

    /** Forgets every row, as after a reset. */
    public void clear() {
        rows.clear();
        trace.clear();
        updateCount();
    }

    /** Narrows the timeline to one user's hops; empty for every user. */
    public void filterByUser(String userId) {
        user.setText(userId);
    }

    /** The rows the filters let through, for tests and the console's shortcuts. */
    public List<FlowEvent> shownRows() {
        return List.copyOf(shown);
    }

    /**
     * Whether the timeline's screen is shown. A hidden table is detached from its rows, keeping its selection for
     * later: a table lays itself out on every change of its rows, shown or not, and with a hundred thousand rows that
     * is most of what the console's thread does during a churn storm.
     */
    public void setShowing(boolean showing) {
        if (showing) {
            table.setItems(shown);
            if (selectedWhileHidden != null) {
                select(selectedWhileHidden);
                selectedWhileHidden = null;
            }
        } else if (table.getItems() == shown) {
            selectedWhileHidden = table.getSelectionModel().getSelectedItem();
            table.setItems(FXCollections.emptyObservableList());
        }
    }

    /** Selects a shown row, opening its trace. */
    public void select(FlowEvent hop) {
        table.getSelectionModel().select(hop);
        table.scrollTo(hop);
    }

    private List<javafx.scene.control.TableColumn<FlowEvent, String>> columns() {
        return List.of(
                Tables.column("#", 70, hop -> hop.sequence() == 0 ? "outbox" : Long.toString(hop.sequence())),
                Tables.column("Time", 95, hop -> Tables.clock(hop.at())),
                Tables.column("Hop", 200, hop -> hop.from() + " → " + hop.to()),
                Tables.column("Action", 125, FlowEvent::action),
                Tables.column("Outcome", 95, hop -> Outcomes.label(hop.outcome())),
                Tables.column("User", 80, hop -> Tables.shortId(hop.userId())),
                Tables.column("Pool", 80, hop -> Tables.shortId(hop.poolId())),
                Tables.column("Event", 80, hop -> Tables.shortId(hop.eventId())),
                Tables.column("Message", 70, hop -> hop.messageId() == null ? "" : hop.messageId()),
                Tables.column("Took", 70, hop -> hop.duration().toMillis() + " ms"),
                Tables.column("Detail", 420, FlowEvent::detail));
    }

    private HBox filters() {
        user.setPromptText("user id");
        user.setId("timeline-user");
        pool.setPromptText("pool id");
        pool.setId("timeline-pool");
        outcome.getItems().add(ANY);
        for (FlowOutcome value : FlowOutcome.values()) {
            outcome.getItems().add(Outcomes.label(value));
        }
        outcome.setValue(ANY);
        outcome.setId("timeline-outcome");
        follow.setSelected(true);
        follow.setId("timeline-follow");
        count.setId("timeline-count");
        user.textProperty().addListener((text, was, now) -> refilter());
        pool.textProperty().addListener((text, was, now) -> refilter());
        outcome.valueProperty().addListener((value, was, now) -> refilter());
        HBox bar = new HBox(
                8, new Label("User"), user, new Label("Pool"), pool, new Label("Outcome"), outcome, follow, count);
        bar.setPadding(new Insets(6));
        bar.getStyleClass().add("filter-bar");
        return bar;
    }

    private void add(List<FlowEvent> batch) {
        rows.append(batch);
        if (follow.isSelected() && table.getSelectionModel().isEmpty()) {
            Tables.followNewest(table, shown.size());
        }
        updateCount();
    }

    private void refilter() {
        String wantedUser = user.getText().strip().toLowerCase(Locale.ROOT);
        String wantedPool = pool.getText().strip().toLowerCase(Locale.ROOT);
        String wantedOutcome = outcome.getValue();
        shown.setPredicate(hop -> matches(hop.userId(), wantedUser)
                && matches(hop.poolId(), wantedPool)
                && (ANY.equals(wantedOutcome) || Outcomes.label(hop.outcome()).equals(wantedOutcome)));
        updateCount();
    }

    private static boolean matches(String id, String wanted) {
        return wanted.isEmpty() || (id != null && id.toLowerCase(Locale.ROOT).startsWith(wanted));
    }

    private void open(FlowEvent hop) {
        if (hop == null) {
            return;
        }
        StackSnapshot state = snapshots.current();
        List<StackSnapshot.OutboxEntry> outbox = state == null ? List.of() : state.outbox();
        trace.show(hop, TraceAssembler.traceOf(hop, rows, outbox));
    }

    private void updateCount() {
        count.setText(
                shown.size() == rows.size() ? rows.size() + " rows" : shown.size() + " of " + rows.size() + " rows");
    }
}
