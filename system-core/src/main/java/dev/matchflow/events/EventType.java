package dev.matchflow.events;

import java.util.Arrays;
import java.util.Optional;

/** The names an event of this contract travels under: the current one and the one older producers use. */
public enum EventType {
    POOL_MEMBER_REMOVED("pool_member_removed"),
    USER_LEFT_POOL("user_left_pool");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type spelled {@code wireName} on the wire, or empty when the name is not one this contract knows. */
    public static Optional<EventType> fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(type -> type.wireName.equals(wireName))
                .findFirst();
    }
}
