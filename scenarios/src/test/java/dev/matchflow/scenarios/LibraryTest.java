package dev.matchflow.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.scenarios.language.Scenario;
import dev.matchflow.scenarios.language.ScenarioParser;
import dev.matchflow.scenarios.report.TextSummary;
import dev.matchflow.scenarios.run.RunOptions;
import dev.matchflow.scenarios.run.ScenarioResult;
import dev.matchflow.scenarios.run.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every scenario of the library, as the repository keeps it, runs on the embedded stack with H2 and passes. */
class LibraryTest {

    private static final Path LIBRARY = Path.of("library");

    @Test
    void theLibraryHoldsAtLeastTwelveScenariosEachSayingWhatItShows() throws IOException {
        List<Scenario> scenarios = files().stream().map(ScenarioParser::load).toList();

        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(12);
        assertThat(scenarios)
                .allSatisfy(scenario -> assertThat(scenario.description())
                        .as("the comment at the top of " + scenario.file())
                        .hasSizeGreaterThan(80));
    }

    @TestFactory
    Stream<DynamicTest> everyLibraryScenarioPasses() throws IOException {
        ScenarioRunner runner = new ScenarioRunner(RunOptions.defaults());
        return files().stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    ScenarioResult result = runner.run(ScenarioParser.load(file));

                    assertThat(result.passed()).as(TextSummary.of(result)).isTrue();
                }));
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(LIBRARY)) {
            return files.filter(file -> file.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }
}
