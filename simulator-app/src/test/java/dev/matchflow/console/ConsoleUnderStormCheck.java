package dev.matchflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.matchflow.scenarios.run.ScenarioResult;
import dev.matchflow.stack.StackSettings;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * Whether the console stays responsive through the whole churn storm of the library (10,000 users, 100,000 matches,
 * 12,000 churn operations under switching faults), run by the console's own scenario runner while the screens are
 * switched every ten seconds (without waiting for the switch, so that a slow FX thread cannot stop the reports). Every
 * ten seconds it prints how long probes waited for the FX thread on the screen
 * shown. Not part of the build (its name does not end in Test), since the storm takes minutes; run it with
 * {@code mvn -pl simulator-app -am verify -Dtest=ConsoleUnderStormCheck -Dsurefire.failIfNoSpecifiedTests=false}.
 * The stack then logs at the tests' level (DEBUG); adding
 * {@code -Dlogback.configurationFile=$PWD/system-core/src/main/resources/logback.xml} measures it at the console's own
 * level (INFO), with fewer lines for the logs screen.
 */
@ExtendWith(FxToolkitExtension.class)
class ConsoleUnderStormCheck extends FxRobot {

    private static final String[] SCREENS = {"scenarios", "topology", "pools", "timeline", "metrics", "letters", "logs"
    };
    private static final long REPORT_EVERY_SECONDS = 10;

    @RegisterExtension
    static final ConsoleUnderTest console = new ConsoleUnderTest(StackSettings.defaults());

    @Test
    void theChurnStormRunsToGreenWhileEveryScreenKeepsAnswering() throws Exception {
        ConsoleWindow window = console.window();
        interact(() -> window.showTab(SCREENS[0]));
        interact(() -> window.runner().openFromLibrary("churn-storm"));
        clickOn("#run-scenario");

        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger shown = new AtomicInteger();
        reporter.scheduleAtFixedRate(
                () -> reportAndSwitch(window, shown.getAndIncrement()),
                REPORT_EVERY_SECONDS,
                REPORT_EVERY_SECONDS,
                TimeUnit.SECONDS);
        try {
            await().atMost(Duration.ofMinutes(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> window.runner().lastResult().isPresent());
        } finally {
            reporter.shutdownNow();
        }

        ScenarioResult result = window.runner().lastResult().orElseThrow();
        System.out.printf(
                "storm: %s in %s; worst wait of the FX thread over the whole run %.1f ms%n",
                result.passed() ? "passed" : "FAILED",
                result.took(),
                window.latency().figures().worstEver());
        assertThat(result.failures()).isEmpty();
    }

    private void reportAndSwitch(ConsoleWindow window, int tick) {
        String screen = SCREENS[tick % SCREENS.length];
        UiLatencyProbe.Figures figures = window.latency().figures();
        System.out.printf(
                "storm: %3d s on %-9s %s over the last %d probes%n",
                (tick + 1) * REPORT_EVERY_SECONDS,
                screen,
                figures.describe(),
                Math.min(figures.probes(), UiLatencyProbe.KEPT));
        String next = SCREENS[(tick + 1) % SCREENS.length];
        Platform.runLater(() -> window.showTab(next));
    }
}
