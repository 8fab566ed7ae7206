package dev.matchflow.usermatch;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What became of a leave's event by the time User-Match answered. */
public enum EventDelivery {
    /** Pub/Sub has it. */
    PUBLISHED,
    /** It is stored in the outbox and the relay will publish it. */
    QUEUED,
    /** Publishing is disabled: it was logged, not stored or published. */
    DISABLED;

    /** The name sent, for example {@code published}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
