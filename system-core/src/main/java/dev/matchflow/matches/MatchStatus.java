package dev.matchflow.matches;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a match stands: {@code waiting} until both users accept or one rejects. */
public enum MatchStatus {
    WAITING,
    ACCEPTED,
    REJECTED;

    /** The name stored and sent, for example {@code waiting}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this wire name, if there is one. */
    public static Optional<MatchStatus> fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(status -> status.wireName().equals(wireName))
                .findFirst();
    }
}
