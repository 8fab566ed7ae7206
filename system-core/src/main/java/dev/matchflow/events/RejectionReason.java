package dev.matchflow.events;

/** Why a message can never become a valid event; the code goes into logs, metrics and the cleanup record. */
public enum RejectionReason {
    TOO_LARGE("too_large"),
    UNSUPPORTED_VERSION("unsupported_version"),
    NOT_UTF8("not_utf8"),
    NOT_JSON("not_json"),
    NOT_OBJECT("not_object"),
    MISSING_FIELD("missing_field"),
    UNKNOWN_EVENT_TYPE("unknown_event_type"),
    INVALID_ID("invalid_id"),
    INVALID_TIMESTAMP("invalid_timestamp"),
    ATTRIBUTE_MISMATCH("attribute_mismatch");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    /** The snake_case code, as in {@code {"error":{"code":...}}} answers and the {@code reason} metric tag. */
    public String code() {
        return code;
    }
}
