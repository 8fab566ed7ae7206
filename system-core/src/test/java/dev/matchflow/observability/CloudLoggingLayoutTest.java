package dev.matchflow.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudLoggingLayoutTest {

    private final LoggerContext context = new LoggerContext();
    private final CloudLoggingLayout layout = new CloudLoggingLayout();

    @Test
    void writesOneJsonObjectWithSeverityMessageAndEventIds() throws Exception {
        Map<String, String> ids = Map.of("event_id", "e-1", "message_id", "42");
        LoggingEvent event = event(Level.WARN, ids, "event {} rejected: {}", "e-1", "not_json");

        JsonNode line = new ObjectMapper().readTree(layout.doLayout(event));

        assertThat(line.get("severity").asText()).isEqualTo("WARNING");
        assertThat(line.get("message").asText()).isEqualTo("event e-1 rejected: not_json");
        assertThat(line.get("event_id").asText()).isEqualTo("e-1");
        assertThat(line.get("message_id").asText()).isEqualTo("42");
        assertThat(line.get("time").asText()).endsWith("Z");
    }

    @Test
    void appendsTheStackTraceToTheMessageSoErrorReportingFindsIt() throws Exception {
        LoggingEvent event = event(Level.ERROR, Map.of(), "cleanup failed");
        event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("boom")));

        JsonNode line = new ObjectMapper().readTree(layout.doLayout(event));

        assertThat(line.get("severity").asText()).isEqualTo("ERROR");
        assertThat(line.get("message").asText())
                .startsWith("cleanup failed")
                .contains("java.lang.IllegalStateException: boom");
    }

    @Test
    void endsEveryEntryWithOneLineSeparator() {
        String entry = layout.doLayout(event(Level.INFO, Map.of(), "started"));

        assertThat(entry).endsWith(System.lineSeparator()).doesNotContain("\n{");
    }

    private LoggingEvent event(Level level, Map<String, String> mdc, String message, Object... arguments) {
        LoggingEvent event = new LoggingEvent(
                getClass().getName(), context.getLogger("dev.matchflow.test"), level, message, null, arguments);
        event.setMDCPropertyMap(mdc);
        return event;
    }
}
