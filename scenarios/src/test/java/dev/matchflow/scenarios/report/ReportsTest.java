package dev.matchflow.scenarios.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.invariants.Invariant;
import dev.matchflow.invariants.InvariantResult;
import dev.matchflow.scenarios.run.ExpectationResult;
import dev.matchflow.scenarios.run.FaultSpan;
import dev.matchflow.scenarios.run.LatencySummary;
import dev.matchflow.scenarios.run.LeaveLatency;
import dev.matchflow.scenarios.run.RequestCounts;
import dev.matchflow.scenarios.run.RunFigures;
import dev.matchflow.scenarios.run.ScenarioResult;
import dev.matchflow.scenarios.run.StepResult;
import dev.matchflow.scenarios.run.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ReportsTest {

    private static final Instant START = Instant.parse("2026-01-02T10:00:00Z");

    @TempDir
    Path folder;

    @Test
    void theJunitReportHasASuitePerScenarioAndACasePerStepAndExpectation() throws Exception {
        Reports.write(List.of(passed(), failed(), couldNotRun()), START, folder);

        Document xml = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(folder.resolve(Reports.JUNIT_FILE).toFile());
        Element suites = xml.getDocumentElement();
        assertThat(suites.getAttribute("tests")).isEqualTo("7");
        assertThat(suites.getAttribute("failures")).isEqualTo("2");
        assertThat(suites.getAttribute("errors")).isEqualTo("1");
        Element failedSuite = (Element) xml.getElementsByTagName("testsuite").item(1);
        assertThat(failedSuite.getAttribute("name")).isEqualTo("lost <leave> & more");
        assertThat(failedSuite.getAttribute("skipped")).isEqualTo("1");
        assertThat(xml.getElementsByTagName("failure")
                        .item(1)
                        .getAttributes()
                        .getNamedItem("message")
                        .getNodeValue())
                .isEqualTo("expected cleanups: exactly 2, found 1");
        assertThat(((Element) xml.getElementsByTagName("testcase").item(0)).getAttribute("classname"))
                .isEqualTo("library.plain-leave");
    }

    @Test
    void theHtmlPageShowsEveryScenarioItsFiguresAndALatencyChart() throws Exception {
        Path page = Reports.write(List.of(passed(), failed(), couldNotRun()), START, folder);

        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html)
                .contains("1 of 3 scenarios passed")
                .contains("lost &lt;leave&gt; &amp; more")
                .contains("Could not run: the file has problems")
                .contains("<h3>Leave to cleanup</h3>")
                .contains("leave to cleanup (ms)")
                .contains("<rect x=")
                .contains("<td>matches down</td><td class=\"number\">900ms</td><td class=\"number\">1.6s</td>")
                .doesNotContain("lost <leave>");
        assertThat(html.split("<circle ", -1)).hasSize(1 + 3);
    }

    @Test
    void theChartThinsLongRunsEvenly() {
        List<LeaveLatency> leaves = new ArrayList<>();
        for (int index = 0; index < 3 * LatencyChart.MOST_DOTS; index++) {
            leaves.add(leave(index * 10L, 5));
        }

        String svg = LatencyChart.svg(leaves, List.of(), START, Duration.ofMillis(5));

        assertThat(svg.split("<circle ", -1)).hasSize(1 + LatencyChart.MOST_DOTS);
    }

    @Test
    void axesRunOnRoundTicksAcrossWhatTheyShow() {
        assertThat(LatencyChart.Axis.spanning(0, 7.3)).isEqualTo(new LatencyChart.Axis(0, 2));
        assertThat(LatencyChart.Axis.spanning(0, 1_161)).isEqualTo(new LatencyChart.Axis(0, 250));
        assertThat(LatencyChart.Axis.spanning(134.2, 183.9)).isEqualTo(new LatencyChart.Axis(120, 20));
        assertThat(LatencyChart.Axis.spanning(0, 0.3).end()).isEqualTo(0.5);
    }

    @Test
    void aLineSaysWhetherTheScenarioPassedAndItsLatency() {
        assertThat(TextSummary.line(passed()))
                .isEqualTo("PASS  plain leave (library/plain-leave.yaml) 3s: 3 leaves, 3 cleaned up (1.5/s),"
                        + " leave to cleanup p50 40ms, p99 90ms");
        assertThat(TextSummary.line(failed()))
                .endsWith("; 2 failed: step 1 (leave alice) failed: 1 answered 500 (and 1 more)");
    }

    private static ScenarioResult passed() {
        List<LeaveLatency> leaves = List.of(leave(1_000, 40), leave(1_500, 90), leave(2_000, 20));
        LatencySummary latency = LatencySummary.of(
                        leaves.stream().map(LeaveLatency::latency).toList())
                .orElseThrow();
        RunFigures figures = new RunFigures(
                new RunFigures.StateCounts(1, 2, 3, 4, 5, 6, 7, 0, 0, 0),
                10,
                100,
                3,
                3,
                3,
                3,
                1.5,
                Optional.of(latency),
                leaves,
                List.of(new FaultSpan("matches down", START.plusMillis(900), START.plusMillis(1_600))),
                START);
        return new ScenarioResult(
                "plain leave",
                "library/plain-leave.yaml",
                "A plain leave.",
                1,
                "embedded Pub/Sub",
                START,
                Duration.ofSeconds(3),
                List.of(step(0, "set-up", Verdict.PASSED, "made")),
                List.of(new ExpectationResult("cleanups: exactly 3", 20, 0, true, "3")),
                invariants(),
                Optional.of(figures),
                Optional.empty());
    }

    private static ScenarioResult failed() {
        List<StepResult> steps = List.of(
                step(0, "set-up", Verdict.PASSED, "made"),
                step(1, "leave alice", Verdict.FAILED, "1 answered 500"),
                step(2, "wait until quiet", Verdict.SKIPPED, "an earlier step failed"));
        return new ScenarioResult(
                "lost <leave> & more",
                "library/lost.yaml",
                "",
                2,
                "embedded Pub/Sub",
                START,
                Duration.ofSeconds(2),
                steps,
                List.of(new ExpectationResult("cleanups: exactly 2", 30, 0, false, "1")),
                invariants(),
                Optional.empty(),
                Optional.empty());
    }

    private static ScenarioResult couldNotRun() {
        return ScenarioResult.couldNotRun(
                "broken.yaml",
                "library/broken.yaml",
                START,
                "the file has problems: library/broken.yaml:3:1: unknown key");
    }

    private static StepResult step(int number, String label, Verdict verdict, String detail) {
        return new StepResult(
                number,
                label,
                number * 10,
                verdict,
                START,
                Duration.ofMillis(5),
                new RequestCounts(1, 0, 0, 0),
                detail);
    }

    private static List<InvariantResult> invariants() {
        return List.of(new InvariantResult(Invariant.NO_DANGLING_ROWS, 4, List.of()));
    }

    private static LeaveLatency leave(long atMillis, long latencyMillis) {
        Instant requested = START.plusMillis(atMillis);
        return new LeaveLatency(UUID.randomUUID(), UUID.randomUUID(), requested, requested.plusMillis(latencyMillis));
    }
}
