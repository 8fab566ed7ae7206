package dev.matchflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.pubsub.GoogleEmulator;
import dev.matchflow.pubsub.PubSubBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PubSubBenchmarkTest {

    @Test
    void aSmallRunDeliversEveryMessageInBothPhasesOnEachBackendAndPrintsOneTable() {
        BackendChoice choice = BackendChoice.choose("both", GoogleEmulator.find());
        PubSubBenchmark.Settings settings = new PubSubBenchmark.Settings(300, 300, choice.backends());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        List<BackendResult> results =
                new PubSubBenchmark(settings, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
        String table = PubSubBenchmark.table(settings, results);

        assertThat(results).extracting(BackendResult::backend).containsExactlyElementsOf(choice.backends());
        assertThat(results).allSatisfy(result -> {
            assertThat(result.flatOut().complete()).isTrue();
            assertThat(result.paced().complete()).isTrue();
            assertThat(result.flatOut().publishPerSecond()).isPositive();
            assertThat(result.paced().latency().p99Micros())
                    .isGreaterThanOrEqualTo(result.paced().latency().medianMicros());
        });
        assertThat(table)
                .contains(PubSubBackend.EMBEDDED.id())
                .contains("flat out: end to end (msg/s)")
                .contains("at 300 msg/s: latency p99 (ms)")
                .doesNotContain("did not deliver");
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains(PubSubBackend.EMBEDDED + ": 300 messages flat out")
                .contains("warming up");
    }
}
