package dev.matchflow.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.scenarios.language.ScenarioParser;
import dev.matchflow.scenarios.run.RunOptions;
import dev.matchflow.scenarios.run.ScenarioResult;
import dev.matchflow.scenarios.run.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class LibraryTest {

    @TestFactory
    Stream<DynamicTest> everyLibraryScenarioPasses() throws IOException {
        return Files.list(Path.of("library"))
                .sorted()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    ScenarioResult result = new ScenarioRunner(RunOptions.defaults()).run(ScenarioParser.load(file));
                    System.out.println(result);
                    assertThat(result.failures()).isEmpty();
                }));
    }
}
