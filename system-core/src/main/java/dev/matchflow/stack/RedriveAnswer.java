package dev.matchflow.stack;

import dev.matchflow.pubsub.DeadLetterRedrive;
import java.util.List;

/**
 * The answer of the stack's {@code POST /dead-letters/redrive}: {@code {"redriven": 2, "messages": [{"dead_letter_id",
 * "message_id", "attributes"}]}}.
 *
 * @param redriven how many dead letters were published again
 * @param messages each of them, with the id of its copy
 */
public record RedriveAnswer(int redriven, List<DeadLetterRedrive.Redriven> messages) {

    public RedriveAnswer {
        messages = List.copyOf(messages);
    }

    static RedriveAnswer of(List<DeadLetterRedrive.Redriven> messages) {
        return new RedriveAnswer(messages.size(), messages);
    }
}
