package dev.matchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.scenarios.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

    private static final String PASSING = """
            # One leave, cleaned up.
            name: passing leave
            setup:
              pools: [evening]
              members: {evening: [alice, bob]}
              matches: [{name: ab, pool: evening, users: [alice, bob]}]
            steps:
              - leave: alice
            expect:
              matches: [{match: ab, is: gone}]
            """;

    private static final String FAILING = """
            name: failing count
            setup:
              pools: [evening]
              members: {evening: [carol]}
            steps:
              - leave: carol
            expect:
              cleanups: 2
            """;

    private static final String BROKEN = """
            name: broken
            steps:
              - levae: alice
            """;

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aFolderRunsInPathOrderWithALinePerScenarioASummaryAndReports() throws IOException {
        Path scenarios = Files.createDirectories(folder.resolve("scenarios"));
        Files.writeString(scenarios.resolve("a-passing.yaml"), PASSING, StandardCharsets.UTF_8);
        Files.writeString(scenarios.resolve("b-failing.yaml"), FAILING, StandardCharsets.UTF_8);
        Files.writeString(scenarios.resolve("c-broken.yml"), BROKEN, StandardCharsets.UTF_8);
        Path reports = folder.resolve("reports");

        int exitCode = matchflow("run", scenarios.toString(), "--report", reports.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(out.toString().lines().toList())
                .satisfies(lines -> assertThat(lines.get(0)).startsWith("PASS  passing leave ("))
                .satisfies(lines -> assertThat(lines.get(1))
                        .startsWith("FAIL  failing count (")
                        .endsWith("1 failed: expected cleanups: exactly 2, found 1"))
                .satisfies(lines -> assertThat(lines.get(2)).startsWith("FAIL  c-broken.yml ("));
        assertThat(out.toString()).contains("3 scenarios: 1 passed, 2 failed in");
        assertThat(err.toString()).contains("c-broken.yml:3:5: unknown step 'levae'");
        assertThat(reports.resolve(Reports.HTML_FILE)).exists();
        assertThat(reports.resolve(Reports.JUNIT_FILE))
                .content()
                .contains("failures=\"1\"")
                .contains("errors=\"1\"");
        assertThat(reports.resolve("matchflow.log")).exists();
    }

    @Test
    void onlyPassingScenariosExitWithZero() throws IOException {
        Path file = Files.writeString(folder.resolve("passing.yaml"), PASSING, StandardCharsets.UTF_8);

        int exitCode = matchflow(
                "run", file.toString(), "--log", folder.resolve("run.log").toString());

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("1 scenario: 1 passed, 0 failed");
    }

    @Test
    void aPathThatIsNotThereIsAUsageError() {
        int exitCode = matchflow("run", folder.resolve("missing.yaml").toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("no scenario file or folder at ");
    }

    private int matchflow(String... arguments) {
        CommandLine matchflow = new CommandLine(new MatchflowCommand());
        matchflow.setOut(new PrintWriter(out));
        matchflow.setErr(new PrintWriter(err));
        return matchflow.execute(arguments);
    }
}
