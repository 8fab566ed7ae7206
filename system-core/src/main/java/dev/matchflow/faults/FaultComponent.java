package dev.matchflow.faults;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The parts of a running stack a fault can strike, each with the kinds of fault it takes. */
public enum FaultComponent {
    /** The User-Match service: joins and leaves, and the outbox of leave events. */
    USER_MATCH(
            "usermatch",
            "User-Match",
            EnumSet.of(FaultKind.DOWN, FaultKind.SLOW, FaultKind.FAILING, FaultKind.CRASH_BEFORE_OUTBOX)),
    /** The Pools service. */
    POOLS("pools", "Pools", EnumSet.of(FaultKind.DOWN, FaultKind.SLOW, FaultKind.FAILING)),
    /** The Matches service, which the cleanup function calls. */
    MATCHES("matches", "Matches", EnumSet.of(FaultKind.DOWN, FaultKind.SLOW, FaultKind.FAILING)),
    /** The cleanup function in its host. */
    FUNCTION("function", "the cleanup function", EnumSet.of(FaultKind.DOWN, FaultKind.SLOW, FaultKind.CRASH)),
    /** The trigger that pulls the subscription and POSTs each message to the function. */
    TRIGGER("trigger", "the trigger", EnumSet.of(FaultKind.DOWN, FaultKind.SLOW, FaultKind.FAILING)),
    /** Pub/Sub: User-Match's publishes, and the delivery of messages to the trigger. */
    PUBSUB(
            "pubsub",
            "Pub/Sub",
            EnumSet.of(FaultKind.DOWN, FaultKind.SLOW, FaultKind.DELAY, FaultKind.DUPLICATE, FaultKind.REORDER)),
    /** The database as Matches' cleanup transactions use it. */
    DATABASE("database", "the cleanup's database", EnumSet.of(FaultKind.DOWN, FaultKind.SLOW, FaultKind.CLEANUP_ERROR));

    private final String wireName;
    private final String displayName;
    private final Set<FaultKind> kinds;

    FaultComponent(String wireName, String displayName, Set<FaultKind> kinds) {
        this.wireName = wireName;
        this.displayName = displayName;
        this.kinds = kinds;
    }

    /** Its name in fault texts, for example {@code usermatch}. */
    public String wireName() {
        return wireName;
    }

    /** Its name in sentences, for example {@code User-Match}. */
    public String displayName() {
        return displayName;
    }

    /** The kinds of fault it takes, in the order a console lists them. */
    public Set<FaultKind> kinds() {
        return EnumSet.copyOf(kinds);
    }

    public boolean takes(FaultKind kind) {
        return kinds.contains(kind);
    }

    /** True for the HTTP services, whose faults may answer a status or drop the connection. */
    public boolean isHttpService() {
        return this == USER_MATCH || this == POOLS || this == MATCHES;
    }

    /**
     * The component with this name: its wire name, with {@code -} or {@code _} anywhere ({@code user-match} and
     * {@code user_match} are User-Match), in any case.
     *
     * @throws IllegalArgumentException when no component has that name, listing those that do
     */
    public static FaultComponent named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return Arrays.stream(values())
                .filter(component -> component.wireName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + name + "' is not a component that takes faults; name one of " + names()));
    }

    /** The component with this name, if any; see {@link #named(String)}. */
    public static Optional<FaultComponent> find(String name) {
        try {
            return Optional.of(named(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Every component's wire name, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(FaultComponent::wireName).collect(Collectors.joining(", "));
    }
}
