package dev.matchflow.console.logs;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One captured log line.
 *
 * @param level {@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG} or {@code TRACE}
 * @param logger the logger's simple name
 * @param eventId the event id the line was written about, from the logging context; empty when none
 * @param messageId the Pub/Sub message id the line was written about; empty when none
 * @param message the formatted message, with the first line of the exception when there was one
 */
public record LogLine(
        Instant at,
        String level,
        LogSource source,
        String logger,
        String thread,
        String eventId,
        String messageId,
        String message) {

    public LogLine {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(source, "source");
        eventId = eventId == null ? "" : eventId;
        messageId = messageId == null ? "" : messageId;
    }

    /** True when the line mentions {@code id} as its event id, its message id, or in its text. */
    public boolean mentions(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return wanted.isEmpty()
                || eventId.toLowerCase(Locale.ROOT).contains(wanted)
                || messageId.equals(id.strip())
                || message.toLowerCase(Locale.ROOT).contains(wanted);
    }
}
