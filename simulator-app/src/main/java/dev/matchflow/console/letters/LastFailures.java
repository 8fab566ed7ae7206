package dev.matchflow.console.letters;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last failed delivery of each message still being retried, for the dead letter it may become. It keeps the
 * messages that failed most recently, at most a capacity of them: a message that failed once and was then delivered
 * is never dead-lettered, so without a bound a long run would keep every such message. A dead letter whose message
 * was pushed out by more recent failures shows that no failed delivery was seen.
 */
final class LastFailures {

    static final String NONE_SEEN = "no failed delivery was seen";

    private final Map<String, String> byMessage;

    LastFailures(int capacity) {
        this.byMessage = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Notes {@code failure} as the last failed delivery of {@code messageId}. */
    void failed(String messageId, String failure) {
        byMessage.put(messageId, failure);
    }

    /** The last failed delivery of a message that was dead-lettered, which it then forgets. */
    String deadLettered(String messageId) {
        String failure = byMessage.remove(messageId);
        return failure == null ? NONE_SEEN : failure;
    }

    void clear() {
        byMessage.clear();
    }
}
