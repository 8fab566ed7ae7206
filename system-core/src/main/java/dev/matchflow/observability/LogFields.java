package dev.matchflow.observability;

/**
 * The SLF4J MDC keys Matchflow sets while it works on a request or an event; the Cloud Logging layout writes them
 * as fields of every line.
 */
public final class LogFields {

    /** The id of the trace the current request belongs to. */
    public static final String TRACE_ID = "trace_id";

    /** The {@code event_id} of the event being handled. */
    public static final String EVENT_ID = "event_id";

    /** The Pub/Sub message id of the delivery being handled. */
    public static final String MESSAGE_ID = "message_id";

    private LogFields() {}
}
