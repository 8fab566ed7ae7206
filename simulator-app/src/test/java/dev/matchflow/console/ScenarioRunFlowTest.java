package dev.matchflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.matchflow.scenarios.report.Reports;
import dev.matchflow.scenarios.run.ExpectationResult;
import dev.matchflow.scenarios.run.ScenarioResult;
import dev.matchflow.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/** A library scenario opened, run on the console's stack to green, and its report exported. */
@ExtendWith(FxToolkitExtension.class)
class ScenarioRunFlowTest extends FxRobot {

    private static final Duration WITHIN = Duration.ofSeconds(90);

    @RegisterExtension
    static final ConsoleUnderTest console = new ConsoleUnderTest(StackSettings.defaults());

    @Test
    void thePlainLeaveScenarioRunsToGreenAndItsReportIsExported() throws Exception {
        ConsoleWindow window = console.window();
        interact(() -> window.showTab("scenarios"));
        interact(() -> window.runner().openFromLibrary("plain-leave"));
        assertThat(lookup("#scenario-name").queryAs(Label.class).getText()).startsWith("plain leave");

        clickOn("#run-scenario");

        await().atMost(WITHIN).until(() -> window.runner().lastResult().isPresent());
        ScenarioResult result = window.runner().lastResult().orElseThrow();
        assertThat(result.failures()).isEmpty();
        assertThat(result.passed()).isTrue();
        TableView<?> steps = lookup("#scenario-steps").queryTableView();
        assertThat(steps.getItems()).hasSize(result.steps().size());
        assertThat(steps.lookupAll(".table-row-cell:passed")).isNotEmpty();
        TableView<ExpectationResult> expectations =
                lookup("#scenario-expectations").queryTableView();
        assertThat(expectations.getItems()).isNotEmpty().allMatch(ExpectationResult::met);
        assertThat(lookup("#scenario-summary").queryAs(Label.class).getText()).startsWith("PASSED: plain leave");
        assertThat(window.timeline().shownRows())
                .as("the run went through the console's stack, so its leave is in the timeline")
                .anyMatch(hop -> hop.action().equals("cleanup"));
        Screenshots.save(window.scene(), "scenario-green");

        Path page =
                window.runner().exportTo(Path.of("target", "scenario-report")).get();

        assertThat(page).exists().hasFileName(Reports.HTML_FILE);
        assertThat(Files.readString(page)).contains("plain leave");
        assertThat(page.resolveSibling(Reports.JUNIT_FILE)).exists();
    }
}
