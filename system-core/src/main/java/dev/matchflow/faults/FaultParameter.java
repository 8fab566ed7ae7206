package dev.matchflow.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A setting of a fault, as its text and its map form name it. */
public enum FaultParameter {
    /** How likely the fault strikes each request, delivery or transaction: {@code 0.3} or {@code 30%}; 1 if unset. */
    PROBABILITY("probability", "a probability such as 0.3 or 30%"),
    /** The time added to each request, publish, delivery or transaction: {@code 200ms}, {@code 2s}. */
    LATENCY("latency", "a duration such as 200ms or 2s"),
    /** The most the latency varies either way, at random; none if unset. */
    JITTER("jitter", "a duration such as 50ms"),
    /** The status an HTTP service answers with: 500 or 503; a failing service answers 503 if unset. */
    STATUS("status", "500 or 503"),
    /** A failing HTTP service drops the connection instead of answering; a flag without a value. */
    RESET("reset", "a flag, written alone"),
    /** How late every message reaches the trigger. */
    DELAY("delay", "a duration such as 2s"),
    /** How many times every message is delivered; 2 if unset. */
    COPIES("copies", "a whole number from 2 to 10"),
    /** The window within which messages of different users are shuffled; 500ms if unset. */
    WINDOW("window", "a duration such as 500ms");

    private final String wireName;
    private final String expected;

    FaultParameter(String wireName, String expected) {
        this.wireName = wireName;
        this.expected = expected;
    }

    /** Its name in fault texts and maps. */
    public String wireName() {
        return wireName;
    }

    /** What a value of it looks like, for error messages and forms. */
    public String expected() {
        return expected;
    }

    /** The parameter with this wire name, in any case. */
    public static Optional<FaultParameter> find(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.wireName.equals(wanted)).findFirst();
    }
}
