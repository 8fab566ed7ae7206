package dev.matchflow.scenarios.run;

import java.util.List;
import java.util.Map;

/**
 * Requests by outcome.
 *
 * @param succeeded answered 2xx
 * @param refused answered 4xx
 * @param failed answered 5xx, or not at all
 * @param skipped not sent, because what they needed was missing (a match that was never created)
 */
public record RequestCounts(int succeeded, int refused, int failed, int skipped) {

    public static final RequestCounts NONE = new RequestCounts(0, 0, 0, 0);

    public int total() {
        return succeeded + refused + failed + skipped;
    }

    public RequestCounts plus(RequestCounts other) {
        return new RequestCounts(
                succeeded + other.succeeded, refused + other.refused, failed + other.failed, skipped + other.skipped);
    }

    /** {@code 12 requests: 10 succeeded, 2 refused}. */
    public String summary() {
        StringBuilder text = new StringBuilder(total() + (total() == 1 ? " request" : " requests"));
        String separator = ": ";
        for (Map.Entry<String, Integer> part : List.of(
                Map.entry("succeeded", succeeded),
                Map.entry("refused", refused),
                Map.entry("failed", failed),
                Map.entry("skipped", skipped))) {
            if (part.getValue() > 0) {
                text.append(separator).append(part.getValue()).append(' ').append(part.getKey());
                separator = ", ";
            }
        }
        return text.toString();
    }
}
