package dev.matchflow.console.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.matchflow.console.UiBatch;
import dev.matchflow.observability.LogFields;
import java.time.Instant;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * A Logback appender on the root logger that hands every log line of this process to the logs screen, beside
 * wherever else Logback writes it. Capturing returns at once: lines are queued for the screen's next beat.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> {

    private static final String NAME = "console-capture";

    private final UiBatch<LogLine> lines;

    private LogCapture(UiBatch<LogLine> lines) {
        this.lines = lines;
    }

    /**
     * Starts capturing into {@code lines}; the returned handle stops it.
     *
     * @throws IllegalStateException when SLF4J is not bound to Logback, so there is nothing to capture from
     */
    public static AutoCloseable into(UiBatch<LogLine> lines) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("the logs cannot be captured: SLF4J writes to "
                    + factory.getClass().getName() + ", not to Logback");
        }
        LogCapture capture = new LogCapture(lines);
        capture.setName(NAME);
        capture.setContext(context);
        capture.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(capture);
        return () -> {
            root.detachAppender(capture);
            capture.stop();
        };
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.offer(line(event));
    }

    static LogLine line(ILoggingEvent event) {
        Map<String, String> context = event.getMDCPropertyMap();
        String logger = event.getLoggerName();
        return new LogLine(
                Instant.ofEpochMilli(event.getTimeStamp()),
                event.getLevel().toString(),
                LogSource.ofLogger(logger),
                logger.substring(logger.lastIndexOf('.') + 1),
                event.getThreadName(),
                context.get(LogFields.EVENT_ID),
                context.get(LogFields.MESSAGE_ID),
                message(event));
    }

    private static String message(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null) {
            return event.getFormattedMessage();
        }
        return event.getFormattedMessage() + " [" + thrown.getClassName() + ": " + thrown.getMessage() + "]";
    }
}
