package dev.matchflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.matchflow.pools.Membership;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import dev.matchflow.stack.StackSettings;
import dev.matchflow.stack.StackSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/** The console's main flows, clicked through on a real embedded stack. */
@ExtendWith(FxToolkitExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleFlowsTest extends FxRobot {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @RegisterExtension
    static final ConsoleUnderTest console = new ConsoleUnderTest(StackSettings.defaults());

    @Test
    @Order(1)
    void aLeaveFadesItsMatchesOutAndIsShownInTheTimelineWithItsTraceFromRequestToCleanup() throws Exception {
        clickOn("#create-pool");
        await().atMost(WITHIN).until(() -> window().selection().pool().get() != null);
        UUID pool = window().selection().pool().get();
        clickOn("#add-users");
        await().atMost(WITHIN).until(() -> membersOf(pool).size() == 10);
        clickOn("#create-matches");
        await().atMost(WITHIN).until(() -> matchesIn(pool) >= 1);
        ListView<Membership> members = lookup("#members-list").queryListView();
        await().atMost(WITHIN).until(() -> members.getItems().size() == 10);
        UUID leaver = firstMatchedUser(pool);
        interact(() -> window().selection().user().set(leaver));

        interact(() -> window().showTab("pools"));
        clickOn("#leave");

        await().atMost(WITHIN).until(() -> text("#action-result").contains("left pool"));
        await().atMost(WITHIN)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !lookup(".match-deleted").queryAll().isEmpty());
        Screenshots.save(window().scene(), "pools-match-fading");
        interact(() -> window().showTab("timeline"));
        clickOn("#timeline-user").write(leaver.toString().substring(0, 8));
        await().atMost(WITHIN).until(() -> shownActions().contains("cleanup"));
        FlowEvent leave = shownRows().stream()
                .filter(hop -> hop.action().equals("leave"))
                .findFirst()
                .orElseThrow();
        interact(() -> window().timeline().select(leave));
        TableView<FlowEvent> trace = lookup("#trace-table").queryTableView();
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(trace.getItems())
                        .extracting(FlowEvent::action)
                        .containsSubsequence("leave", "store event", "publish", "pull", "deliver", "cleanup")
                        .contains("remove member"));
        assertThat(trace.getItems()).allMatch(hop -> hop.outcome() == FlowOutcome.OK);
        assertThat(text("#trace-title")).contains("Trace of leave by user " + leaver);
        Screenshots.save(window().scene(), "timeline-with-trace");
    }

    @Test
    @Order(2)
    void theTopologyAndTheMetricsShowWhatFlowedAndAComponentOpensItsDetails() throws Exception {
        interact(() -> window().showTab("topology"));

        clickOn("#component-FUNCTION");

        assertThat(text("#details-title")).isEqualTo("Cleanup function");
        await().atMost(WITHIN).until(() -> text("#counts-FUNCTION").startsWith("invocations 1"));
        assertThat(text("#counts-USER_MATCH")).isEqualTo("leaves 1");
        assertThat(text("#details-state")).startsWith("State: ");
        Screenshots.save(window().scene(), "topology");
        interact(() -> window().showTab("metrics"));
        await().atMost(WITHIN)
                .until(() -> window().metrics().lastSample() != null
                        && !Double.isNaN(window().metrics().lastSample().latencyMedianMillis()));
        Screenshots.save(window().scene(), "metrics");
    }

    @Test
    @Order(3)
    void aMalformedMessagePublishedByHandIsListedAsRejectedWithItsPayload() throws Exception {
        interact(() -> lookup("#actions").queryAs(ScrollPane.class).setVvalue(1.0));
        clickOn("#fill-malformed");
        clickOn("#publish");
        await().atMost(WITHIN).until(() -> text("#action-result").startsWith("Published message"));
        interact(() -> window().showTab("letters"));
        TableView<StackSnapshot.Rejection> rejections =
                lookup("#rejections-table").queryTableView();
        await().atMost(WITHIN).until(() -> rejections.getItems().size() == 1);

        interact(() -> rejections.getSelectionModel().select(0));

        assertThat(rejections.getItems().get(0).reason()).isEqualTo("invalid_id");
        assertThat(text("#letter-title")).contains("invalid_id");
        TextArea payload = lookup("#letter-payload").query();
        assertThat(payload.getText()).contains("\"user_id\": \"not-a-uuid\"");
        Screenshots.save(window().scene(), "dead-letters");
        interact(() -> window().showTab("timeline"));
        interact(() -> lookup("#timeline-user").queryAs(TextField.class).clear());
        ChoiceBox<String> outcome = lookup("#timeline-outcome").query();
        interact(() -> outcome.setValue("rejected"));
        assertThat(shownRows())
                .singleElement()
                .satisfies(hop -> assertThat(hop.detail()).isEqualTo("invalid_id"));
        interact(() -> outcome.setValue("any"));
    }

    @Test
    @Order(4)
    void thePoolsAndLogsScreensShowTheRun() throws Exception {
        interact(() -> window().showTab("pools"));
        Screenshots.save(window().scene(), "pools");
        interact(() -> window().showTab("metrics"));
        await().atMost(WITHIN)
                .until(() -> window().metrics().lastSample() != null
                        && !Double.isNaN(window().metrics().lastSample().latencyMedianMillis()));
        Screenshots.save(window().scene(), "metrics");
        interact(() -> window().showTab("logs"));
        clickOn("#logs-event-id").write("stack ready");
        TableView<?> logs = lookup("#logs-table").queryTableView();
        await().atMost(WITHIN).until(() -> logs.getItems().size() >= 1);
        Screenshots.save(window().scene(), "logs");
    }

    @Test
    @Order(5)
    void aShortcutSwitchesToTheDarkThemeAndBack() throws Exception {
        interact(() -> window().showTab("topology"));

        press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);

        assertThat(window().scene().getRoot().getStyleClass()).contains("theme-dark");
        Screenshots.save(window().scene(), "topology-dark");
        press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        assertThat(window().scene().getRoot().getStyleClass()).contains("theme-light");
    }

    @Test
    @Order(6)
    void resetEmptiesTheSystemAndEveryScreen() {
        clickOn("#reset");

        await().atMost(ConsoleUnderTest.STARTS_WITHIN)
                .until(() -> window().session().state().get() == SessionState.RUNNING);
        await().atMost(WITHIN).until(() -> window().session().snapshots().current() != null);
        assertThat(window().session().snapshots().current().pools()).isEmpty();
        assertThat(shownRows()).isEmpty();
        assertThat(window().selection().pool().get()).isNull();
        assertThat(lookup("#pools-list").queryListView().getItems()).isEmpty();
    }

    @Test
    @Order(8)
    void aFailedActionOpensTheErrorDialogSayingWhatFailed() {
        UUID stranger = UUID.randomUUID();
        interact(() -> window().selection().user().set(stranger));

        clickOn("#leave");

        await().atMost(WITHIN)
                .until(() -> ErrorDialog.openDialog() != null
                        && ErrorDialog.openDialog().isShowing());
        assertThat(ErrorDialog.openDialog().getHeaderText())
                .isEqualTo("Leave as " + stranger.toString().substring(0, 8) + " failed");
        assertThat(lookup("#error-message").queryAs(Label.class).getText()).contains("404");
        assertThat(text("#action-result")).startsWith("Leave as ").contains("failed");
        interact(() -> ErrorDialog.openDialog().close());
    }

    @Test
    @Order(7)
    void aCapacityThatIsNotANumberIsRefusedBeforeAnythingIsSent() {
        interact(() -> lookup("#actions").queryAs(ScrollPane.class).setVvalue(0.0));
        interact(() -> lookup("#pool-capacity").queryAs(TextField.class).setText("ten"));

        clickOn("#create-pool");

        assertThat(text("#action-result"))
                .isEqualTo("Capacity 'ten' is not a whole number; leave it empty for no limit");
        assertThat(window().selection().pool().get()).isNull();
    }

    private static ConsoleWindow window() {
        return console.window();
    }

    private String text(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    private static List<Membership> membersOf(UUID pool) {
        StackSnapshot state = window().session().snapshots().current();
        return state == null ? List.of() : state.membersOf(pool);
    }

    private static long matchesIn(UUID pool) {
        StackSnapshot state = window().session().snapshots().current();
        return state == null
                ? 0
                : state.matches().stream()
                        .filter(match -> match.poolId().equals(pool))
                        .count();
    }

    private static UUID firstMatchedUser(UUID pool) {
        return window().session().snapshots().current().matches().stream()
                .filter(match -> match.poolId().equals(pool))
                .findFirst()
                .orElseThrow()
                .userAId();
    }

    private static List<FlowEvent> shownRows() {
        return window().timeline().shownRows();
    }

    private static List<String> shownActions() {
        return shownRows().stream().map(FlowEvent::action).toList();
    }
}
