package dev.matchflow.stack;

import dev.matchflow.cleanup.CleanupFunction;
import dev.matchflow.observability.SpanAttributes;
import dev.matchflow.stack.StackSnapshot.Rejection;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The messages the cleanup function rejected, read off its invocation spans as they end, so a rejection is known
 * before the trigger acknowledges its message.
 */
final class RejectionLog {

    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();

    void spanEnded(SpanData span) {
        String reason = span.getAttributes().get(SpanAttributes.REJECTION_REASON);
        if (reason == null || !span.getName().equals(CleanupFunction.INVOCATION_SPAN)) {
            return;
        }
        rejections.add(new Rejection(
                span.getAttributes().get(SpanAttributes.MESSAGING_MESSAGE_ID),
                Optional.ofNullable(span.getAttributes().get(SpanAttributes.EVENT_ID)),
                reason,
                Instant.ofEpochSecond(0, span.getEndEpochNanos())));
    }

    List<Rejection> all() {
        return List.copyOf(rejections);
    }
}
