package dev.matchflow.observability;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;
import java.util.Locale;

/**
 * The one layout every service logs with: human-readable lines by default, Cloud Logging JSON when the
 * environment says {@code LOG_FORMAT=json}. Choosing in code keeps the logback configuration free of conditions
 * and of appenders that go unused.
 */
public final class LogFormatLayout extends LayoutBase<ILoggingEvent> {

    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %-24logger{0} %msg%n";

    private Layout<ILoggingEvent> chosen;

    @Override
    public void start() {
        chosen = isJson(System.getenv("LOG_FORMAT")) ? new CloudLoggingLayout() : textLayout();
        chosen.setContext(getContext());
        chosen.start();
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return chosen.doLayout(event);
    }

    @Override
    public void stop() {
        chosen.stop();
        super.stop();
    }

    static boolean isJson(String logFormat) {
        return logFormat != null && logFormat.trim().toLowerCase(Locale.ROOT).equals("json");
    }

    private static PatternLayout textLayout() {
        PatternLayout text = new PatternLayout();
        text.setPattern(TEXT_PATTERN);
        return text;
    }
}
