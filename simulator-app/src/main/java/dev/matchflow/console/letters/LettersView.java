package dev.matchflow.console.letters;

import dev.matchflow.console.Panes;
import dev.matchflow.console.StackSession;
import dev.matchflow.console.Tables;
import dev.matchflow.console.UiBatch;
import dev.matchflow.console.UiLatest;
import dev.matchflow.stack.Component;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.stack.StackSnapshot.Rejection;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The messages that did not end in a cleanup: dead letters (every delivery failed) and rejected messages (the
 * function acknowledged them with a reason, since no retry could help). Selecting one shows its payload.
 */
public final class LettersView {

    /** How many messages being retried the screen remembers the last failure of. */
    private static final int RETRIED_MESSAGES = 10_000;

    private final PayloadTap payloads;
    private final StackSession session;
    private final Label redriveResult = new Label();
    private final TableView<DeadLetter> deadLetters = new TableView<>();
    private final TableView<Rejection> rejections = new TableView<>();
    private final LastFailures lastFailures = new LastFailures(RETRIED_MESSAGES);
    private final TextArea inspected = new TextArea();
    private final Label inspectedTitle = new Label("Select a message to see its payload");
    private final BorderPane root = new BorderPane();

    public LettersView(
            UiBatch<FlowEvent> events, UiLatest<StackSnapshot> snapshots, PayloadTap payloads, StackSession session) {
        this.payloads = payloads;
        this.session = session;
        events.subscribe(this::arrived);
        snapshots.subscribe(this::showRejections);
        deadLetters.setId("dead-letters-table");
        deadLetters
                .getColumns()
                .addAll(List.of(
                        Tables.column("Time", 95, letter -> Tables.clock(letter.at())),
                        Tables.column("Message", 80, DeadLetter::messageId),
                        Tables.column("User", 90, letter -> Tables.shortId(letter.userId())),
                        Tables.column("Pool", 90, letter -> Tables.shortId(letter.poolId())),
                        Tables.column("Attempts", 80, DeadLetter::attempts),
                        Tables.column("Last failure", 520, DeadLetter::reason)));
        deadLetters.setFixedCellSize(Tables.ROW_HEIGHT);
        deadLetters.setPlaceholder(new Label("No dead letters"));
        deadLetters.getSelectionModel().selectedItemProperty().addListener((item, was, now) -> {
            if (now != null) {
                inspect("Dead letter " + now.messageId() + ": " + now.reason(), now.messageId());
            }
        });
        rejections.setId("rejections-table");
        rejections
                .getColumns()
                .addAll(List.of(
                        Tables.column("Time", 95, rejection -> Tables.clock(rejection.at())),
                        Tables.column("Message", 80, Rejection::messageId),
                        Tables.column(
                                "Event", 290, rejection -> rejection.eventId().orElse("")),
                        Tables.column("Reason", 300, Rejection::reason)));
        rejections.setFixedCellSize(Tables.ROW_HEIGHT);
        rejections.setPlaceholder(new Label("No rejected messages"));
        rejections.getSelectionModel().selectedItemProperty().addListener((item, was, now) -> {
            if (now != null) {
                inspect("Rejected message " + now.messageId() + ": " + now.reason(), now.messageId());
            }
        });
        root.setCenter(layout());
    }

    public BorderPane node() {
        return root;
    }

    /** Forgets every message, as after a reset. */
    public void clear() {
        deadLetters.getItems().clear();
        redriveResult.setText("");
        rejections.getItems().clear();
        lastFailures.clear();
        inspected.clear();
        inspectedTitle.setText("Select a message to see its payload");
    }

    private SplitPane layout() {
        inspected.setEditable(false);
        inspected.setId("letter-payload");
        inspectedTitle.setId("letter-title");
        inspectedTitle.setWrapText(true);
        VBox inspector = new VBox(6, inspectedTitle, inspected);
        VBox.setVgrow(inspected, Priority.ALWAYS);
        inspector.setPadding(new Insets(6));
        Button redrive = new Button("Redrive every dead letter");
        redrive.setId("redrive");
        redrive.setOnAction(click -> redrive());
        redriveResult.setId("redrive-result");
        VBox letters = Panes.titled("Dead letters", deadLetters);
        letters.getChildren().add(new HBox(8, redrive, redriveResult));
        SplitPane tables = new SplitPane(letters, Panes.titled("Rejected messages", rejections));
        tables.setOrientation(Orientation.VERTICAL);
        SplitPane split = new SplitPane(tables, inspector);
        split.setDividerPositions(0.62);
        return split;
    }

    /** Publishes every dead letter again, as an operator does once the cause of their failures is fixed. */
    private void redrive() {
        redriveResult.setText("redriving...");
        session.act("Redrive the dead letters", running -> running.stack().redriveDeadLetters())
                .whenComplete((redriven, error) -> Platform.runLater(() -> redriveResult.setText(
                        error == null
                                ? redriven.size() + " dead letters published again to the topic"
                                : "the redrive failed: " + error.getMessage())));
    }

    /** Notes the failed attempts of a batch and adds its dead letters to their table in one change. */
    private void arrived(List<FlowEvent> batch) {
        List<DeadLetter> arrivedLetters = new ArrayList<>();
        for (FlowEvent hop : batch) {
            boolean failedAttempt = hop.messageId() != null
                    && hop.outcome() != FlowOutcome.OK
                    && (hop.to() == Component.FUNCTION || hop.to() == Component.MATCHES);
            if (failedAttempt) {
                lastFailures.failed(hop.messageId(), hop.action() + ": " + hop.detail());
            }
            if (hop.to() == Component.DEAD_LETTER_TOPIC) {
                arrivedLetters.add(new DeadLetter(
                        hop.messageId(),
                        hop.at(),
                        hop.userId(),
                        hop.poolId(),
                        hop.detail().replace("attempt ", ""),
                        lastFailures.deadLettered(hop.messageId())));
            }
        }
        deadLetters.getItems().addAll(arrivedLetters);
    }

    private void showRejections(StackSnapshot state) {
        if (state.rejections().size() != rejections.getItems().size()) {
            rejections.getItems().setAll(state.rejections());
        }
    }

    private void inspect(String title, String messageId) {
        inspectedTitle.setText(title);
        inspected.setText(payloads.payloadOf(messageId)
                .map(Payload::describe)
                .orElse("The payload of message " + messageId + " was not kept: the console keeps the last "
                        + PayloadTap.CAPACITY + " messages' payloads, from the moment it started watching."));
    }
}
