package dev.matchflow.console.logs;

import java.util.List;

/** Which part of Matchflow wrote a log line, told by its logger's package. */
public enum LogSource {
    USER_MATCH("User-Match", "dev.matchflow.usermatch"),
    POOLS("Pools", "dev.matchflow.pools"),
    MATCHES("Matches", "dev.matchflow.matches"),
    PUBSUB("Pub/Sub", "dev.matchflow.pubsub"),
    TRIGGER("Trigger", "dev.matchflow.trigger"),
    FUNCTION("Function", "dev.matchflow.cleanup"),
    STACK("Stack", "dev.matchflow.stack"),
    CONSOLE("Console", "dev.matchflow.console"),
    OTHER("Other", "");

    private final String label;
    private final String loggerPrefix;

    LogSource(String label, String loggerPrefix) {
        this.label = label;
        this.loggerPrefix = loggerPrefix;
    }

    public String label() {
        return label;
    }

    /** The source of a logger named {@code loggerName}. */
    public static LogSource ofLogger(String loggerName) {
        for (LogSource source : List.of(values())) {
            if (source != OTHER && loggerName.startsWith(source.loggerPrefix)) {
                return source;
            }
        }
        return OTHER;
    }

    @Override
    public String toString() {
        return label;
    }
}
