package dev.matchflow.scenarios.language;

import java.util.OptionalInt;

/**
 * What a step's requests must be answered with for the step to pass.
 *
 * @param kind the kind of answer
 * @param status the exact HTTP status, for {@link Kind#STATUS}
 */
public record ExpectedAnswer(Kind kind, OptionalInt status) {

    /** The kinds of answer a step can expect. */
    public enum Kind {
        /** Every request succeeds (2xx); the default. */
        SUCCESS,
        /** Every request is refused with a 4xx. */
        REFUSED,
        /** Every request fails: a 5xx, or no answer at all. */
        FAILURE,
        /** Every request is answered with one status. */
        STATUS,
        /** Whatever the answers, the step passes. */
        ANY
    }

    public static final ExpectedAnswer SUCCESS = new ExpectedAnswer(Kind.SUCCESS, OptionalInt.empty());

    public static final ExpectedAnswer ANY = new ExpectedAnswer(Kind.ANY, OptionalInt.empty());

    /** True when an answer with this status (0 for none) is what the step expects. */
    public boolean accepts(int answered) {
        return switch (kind) {
            case SUCCESS -> answered >= 200 && answered < 300;
            case REFUSED -> answered >= 400 && answered < 500;
            case FAILURE -> answered == 0 || answered >= 500;
            case STATUS -> answered == status.orElseThrow();
            case ANY -> true;
        };
    }

    @Override
    public String toString() {
        return kind == Kind.STATUS
                ? "status " + status.orElseThrow()
                : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
