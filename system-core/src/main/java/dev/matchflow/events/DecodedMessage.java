package dev.matchflow.events;

import java.util.Objects;
import java.util.Optional;

/** What a consumer learns from one Pub/Sub message: a valid event, or why it can never be one. */
public sealed interface DecodedMessage permits DecodedMessage.Accepted, DecodedMessage.Rejected {

    /** The Pub/Sub message id; may be null when the caller did not know it. */
    String messageId();

    /**
     * A valid event.
     *
     * @param eventIdFromMessageId true when the body had no {@code event_id} and the id was derived from the
     *     message id
     */
    record Accepted(PoolMemberRemoved event, String messageId, boolean eventIdFromMessageId) implements DecodedMessage {

        public Accepted {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A message that no retry can make valid: consumers acknowledge it and record the reason.
     *
     * @param eventId the body's {@code event_id} as written, when the body got far enough to have one
     * @param message what was wrong, with the offending value, for logs and operators
     */
    record Rejected(RejectionReason reason, String message, String messageId, Optional<String> eventId)
            implements DecodedMessage {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(eventId, "eventId");
        }
    }
}
