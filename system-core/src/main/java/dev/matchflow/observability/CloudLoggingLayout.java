package dev.matchflow.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes each log line as one JSON object in the shape Cloud Logging reads from a container's standard
 * output: {@code severity}, {@code message} (with the stack trace appended, so Error Reporting finds
 * it), {@code time}, and the MDC entries (event and message ids) as top-level fields. Selected with
 * {@code LOG_FORMAT=json}.
 */
public final class CloudLoggingLayout extends LayoutBase<ILoggingEvent> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String doLayout(ILoggingEvent event) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("severity", severityOf(event));
        entry.put("message", messageWithStackTrace(event));
        entry.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        entry.put("logger", event.getLoggerName());
        entry.put("thread", event.getThreadName());
        entry.putAll(event.getMDCPropertyMap());
        return toJson(entry) + CoreConstants.LINE_SEPARATOR;
    }

    private static String severityOf(ILoggingEvent event) {
        return switch (event.getLevel().toString()) {
            case "ERROR" -> "ERROR";
            case "WARN" -> "WARNING";
            case "INFO" -> "INFO";
            default -> "DEBUG";
        };
    }

    private static String messageWithStackTrace(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null) {
            return event.getFormattedMessage();
        }
        return event.getFormattedMessage() + CoreConstants.LINE_SEPARATOR + ThrowableProxyUtil.asString(thrown);
    }

    private static String toJson(Map<String, Object> entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            return "{\"severity\":\"ERROR\",\"message\":\"log line could not be written as JSON: "
                    + e.getOriginalMessage().replace('"', '\'') + "\"}";
        }
    }
}
