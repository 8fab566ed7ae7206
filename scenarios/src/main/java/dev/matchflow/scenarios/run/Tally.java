package dev.matchflow.scenarios.run;

import dev.matchflow.scenarios.language.ExpectedAnswer;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** The requests of one step, by how they were answered; safe to count from many threads. */
final class Tally {

    private static final int ERRORS_KEPT = 3;

    private final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    private final AtomicInteger skipped = new AtomicInteger();
    private final Queue<String> firstErrors = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errors = new AtomicInteger();

    void count(Answer answer) {
        if (answer.status() == Answer.NOT_SENT) {
            skipped(answer.error().orElse("not sent"));
            return;
        }
        byStatus.computeIfAbsent(answer.status(), status -> new AtomicInteger()).incrementAndGet();
        answer.error().ifPresent(this::noteError);
    }

    void skipped(String why) {
        skipped.incrementAndGet();
        noteError(why);
    }

    RequestCounts counts() {
        int succeeded = 0;
        int refused = 0;
        int failed = 0;
        for (Map.Entry<Integer, AtomicInteger> status : byStatus.entrySet()) {
            int code = status.getKey();
            int count = status.getValue().get();
            if (code >= 200 && code < 300) {
                succeeded += count;
            } else if (code >= 400 && code < 500) {
                refused += count;
            } else {
                failed += count;
            }
        }
        return new RequestCounts(succeeded, refused, failed, skipped.get());
    }

    /** The answers that are not what {@code expected} allows, as {@code 2 answered 409}; empty when all are. */
    String unexpected(ExpectedAnswer expected) {
        String answers = byStatus.entrySet().stream()
                .filter(status -> !expected.accepts(status.getKey()))
                .map(status -> status.getValue().get() + " "
                        + (status.getKey() == Answer.NO_ANSWER ? "got no answer" : "answered " + status.getKey()))
                .collect(Collectors.joining(", "));
        if (skipped.get() > 0 && expected.kind() != ExpectedAnswer.Kind.ANY) {
            answers += (answers.isEmpty() ? "" : ", ") + skipped.get() + " could not be sent";
        }
        return answers;
    }

    /** The first few errors, for a failed step's detail. */
    String firstErrors() {
        String first = String.join("; ", firstErrors);
        int more = errors.get() - firstErrors.size();
        return more > 0 ? first + "; and " + more + " more" : first;
    }

    private void noteError(String error) {
        if (errors.incrementAndGet() <= ERRORS_KEPT) {
            firstErrors.add(error);
        }
    }
}
