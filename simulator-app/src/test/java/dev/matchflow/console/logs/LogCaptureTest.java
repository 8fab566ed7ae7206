package dev.matchflow.console.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.console.FxToolkitExtension;
import dev.matchflow.console.LiveUpdates;
import dev.matchflow.console.UiBatch;
import dev.matchflow.observability.LogFields;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

@ExtendWith(FxToolkitExtension.class)
class LogCaptureTest {

    @Test
    void aLogLineIsCapturedWithItsComponentAndTheEventItIsAbout() throws Exception {
        LiveUpdates live = new LiveUpdates();
        UiBatch<LogLine> lines = live.newBatch(100);
        List<LogLine> captured = new CopyOnWriteArrayList<>();
        lines.subscribe(captured::addAll);

        try (AutoCloseable capture = LogCapture.into(lines);
                MDC.MDCCloseable event = MDC.putCloseable(LogFields.EVENT_ID, "e-42")) {
            LoggerFactory.getLogger("dev.matchflow.cleanup.CleanupFunction").info("cleanup of {} done", "u-1");
        }
        LoggerFactory.getLogger("dev.matchflow.matches.MatchesService").info("not captured any more");
        live.drain();

        assertThat(captured).singleElement().satisfies(line -> {
            assertThat(line.source()).isEqualTo(LogSource.FUNCTION);
            assertThat(line.logger()).isEqualTo("CleanupFunction");
            assertThat(line.level()).isEqualTo("INFO");
            assertThat(line.eventId()).isEqualTo("e-42");
            assertThat(line.message()).isEqualTo("cleanup of u-1 done");
            assertThat(line.mentions("e-42")).isTrue();
            assertThat(line.mentions("u-1")).isTrue();
            assertThat(line.mentions("something else")).isFalse();
        });
    }
}
