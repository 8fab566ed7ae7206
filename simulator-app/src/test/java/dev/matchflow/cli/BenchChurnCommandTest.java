package dev.matchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.scenarios.language.Scenario;
import dev.matchflow.scenarios.language.ScenarioParser;
import dev.matchflow.scenarios.language.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchChurnCommandTest {

    @TempDir
    Path folder;

    @Test
    void theBenchmarkPrintsLeavesPerSecondAndLeaveToCleanupLatency() throws IOException {
        Path scenario = Files.writeString(folder.resolve("small-storm.yaml"), """
                name: small storm
                setup:
                  pools: [{name: arena, count: 2}]
                  users: [{name: player, count: 40}]
                  members: {arena-*: player-*}
                  matches: [{count: 60, pools: arena-*, accepted: 0.2}]
                steps:
                  - churn:
                      operations: 200
                      mix: {leave: 0.5, rejoin: 0.2, match: 0.2, accept: 0.1}
                expect:
                  leaves: at least 50
                """, StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        CommandLine matchflow = new CommandLine(new MatchflowCommand());
        matchflow.setOut(new PrintWriter(out));
        matchflow.setErr(new PrintWriter(new StringWriter()));

        int exitCode = matchflow.execute(
                "bench",
                "churn",
                "--scenario",
                scenario.toString(),
                "--report",
                folder.resolve("report").toString());

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("Churn benchmark: small storm")
                .containsPattern("leaves +\\d+ requested, \\d+ cleaned up")
                .containsPattern("leaves per second +[\\d.,]+ ")
                .containsPattern("leave to cleanup, median +[\\d.]+m?s")
                .containsPattern("leave to cleanup, p99 +[\\d.]+m?s")
                .contains("expectations                 all 7 met");
    }

    @Test
    void theLibrarysStormIsPackedWithTheCommandAndIsAsLargeAsPromised() throws IOException {
        String text;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(BenchChurnCommand.STORM)) {
            assertThat(in).as(BenchChurnCommand.STORM + " on the class path").isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        Scenario storm = ScenarioParser.parse(BenchChurnCommand.STORM, text);

        assertThat(storm.setup().users()).hasSizeGreaterThanOrEqualTo(10_000);
        assertThat(storm.setup().matches().stream()
                        .mapToInt(matches -> matches.count())
                        .sum())
                .isGreaterThanOrEqualTo(100_000);
        assertThat(storm.steps()).anySatisfy(step -> assertThat(step).isInstanceOf(Step.Churn.class));
    }
}
