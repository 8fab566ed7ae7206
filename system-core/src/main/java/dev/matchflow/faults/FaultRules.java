package dev.matchflow.faults;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/** What makes a fault valid, and the values a kind fills in for its parameters when they are unset. */
final class FaultRules {

    private static final Set<Integer> STATUSES = Set.of(500, 503);
    private static final int MAX_COPIES = 10;
    private static final Duration LONGEST = Duration.ofMinutes(10);
    private static final Duration DEFAULT_WINDOW = Duration.ofMillis(500);

    private FaultRules() {}

    /**
     * The parameters, checked and with the kind's defaults filled in.
     *
     * @throws IllegalArgumentException saying what is wrong and what would be right
     */
    static FaultParameters checked(FaultComponent component, FaultKind kind, FaultParameters parameters) {
        if (!component.takes(kind)) {
            throw new IllegalArgumentException(component.wireName() + " cannot be '" + kind.wireName()
                    + "'; its faults are: " + names(component.kinds()));
        }
        for (FaultParameter parameter : FaultParameter.values()) {
            if (!kind.parameters().contains(parameter) && !parameters.isUnset(parameter)) {
                throw new IllegalArgumentException(
                        "'" + kind.wireName() + "' takes no " + parameter.wireName() + "; it takes "
                                + kind.parameters().stream()
                                        .map(FaultParameter::wireName)
                                        .toList());
            }
        }
        FaultParameters filled = withDefaults(component, kind, parameters);
        checkValues(component, kind, filled);
        return filled;
    }

    private static FaultParameters withDefaults(FaultComponent component, FaultKind kind, FaultParameters parameters) {
        return switch (kind) {
            case FAILING ->
                component.isHttpService()
                                && !parameters.reset()
                                && parameters.status().isEmpty()
                        ? parameters.withStatus(503)
                        : parameters;
            case DUPLICATE -> parameters.copies() == 0 ? parameters.withCopies(2) : parameters;
            case REORDER -> parameters.window().isZero() ? parameters.withWindow(DEFAULT_WINDOW) : parameters;
            default -> parameters;
        };
    }

    private static void checkValues(FaultComponent component, FaultKind kind, FaultParameters parameters) {
        if (!(parameters.probability() > 0 && parameters.probability() <= 1)) {
            throw new IllegalArgumentException(
                    "probability " + parameters.probability() + " must be above 0 and at most 1, such as 0.3");
        }
        checkAnswer(component, parameters);
        switch (kind) {
            case SLOW -> {
                requirePositive("latency", parameters.latency());
                if (parameters.jitter().isNegative() || parameters.jitter().compareTo(parameters.latency()) > 0) {
                    throw new IllegalArgumentException("jitter " + FaultText.duration(parameters.jitter())
                            + " must be between 0 and the latency, " + FaultText.duration(parameters.latency()));
                }
            }
            case DELAY -> requirePositive("delay", parameters.delay());
            case REORDER -> requirePositive("window", parameters.window());
            case DUPLICATE -> {
                if (parameters.copies() < 2 || parameters.copies() > MAX_COPIES) {
                    throw new IllegalArgumentException(
                            "copies " + parameters.copies() + " must be from 2 to " + MAX_COPIES);
                }
            }
            default -> {
                // The other kinds read only the probability and the answer, checked above.
            }
        }
    }

    private static void checkAnswer(FaultComponent component, FaultParameters parameters) {
        boolean answers = parameters.status().isPresent() || parameters.reset();
        if (answers && !component.isHttpService()) {
            throw new IllegalArgumentException(component.wireName()
                    + " does not answer HTTP requests of its own; status and reset apply to usermatch, pools and"
                    + " matches");
        }
        if (parameters.status().isPresent() && parameters.reset()) {
            throw new IllegalArgumentException(
                    "a fault either answers a status or drops the connection (reset)," + " not both");
        }
        parameters.status().ifPresent(status -> {
            if (!STATUSES.contains(status)) {
                throw new IllegalArgumentException("status " + status + " must be 500 or 503");
            }
        });
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero() || value.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(
                    name + " " + FaultText.duration(value) + " must be above 0 and at most 10 minutes, such as 200ms");
        }
    }

    private static String names(Set<FaultKind> kinds) {
        return kinds.stream().map(FaultKind::wireName).collect(Collectors.joining(", "));
    }
}
