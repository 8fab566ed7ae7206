package dev.matchflow.matches;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What one user of a match decided. */
enum Decision {
    ACCEPT,
    REJECT;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Decision> fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(decision -> decision.wireName().equals(wireName))
                .findFirst();
    }
}
