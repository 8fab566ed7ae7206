package dev.matchflow.faults;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a fault does to its component. Not every component takes every kind: see {@link FaultComponent#kinds()}.
 * Each kind reads some {@link FaultParameter}s; the first of them may be written without its name in a fault's text.
 */
public enum FaultKind {
    /**
     * The component is unreachable: an HTTP service or the function refuses connections (or, with {@code status},
     * answers every request with it), Pub/Sub refuses User-Match's publishes, the trigger stops pulling, the
     * cleanup's database fails every cleanup transaction as it begins.
     */
    DOWN("down", List.of(FaultParameter.STATUS)),
    /** Every request, publish, delivery or cleanup transaction of the component takes longer: latency plus jitter. */
    SLOW("slow", List.of(FaultParameter.LATENCY, FaultParameter.JITTER)),
    /**
     * With a probability, a request to the HTTP service is answered with an error status (503 unless told) or its
     * connection dropped ({@code reset}); a delivery of the trigger is handed back to Pub/Sub without reaching the
     * function.
     */
    FAILING("failing", List.of(FaultParameter.PROBABILITY, FaultParameter.STATUS, FaultParameter.RESET)),
    /** With a probability, the cleanup function throws, so its host answers 500 and the delivery is retried. */
    CRASH("crash", List.of(FaultParameter.PROBABILITY)),
    /**
     * With a probability, User-Match dies in the middle of a leave, after Pools ended the membership and before the
     * event is stored in the outbox: the caller gets no answer and no event exists.
     */
    CRASH_BEFORE_OUTBOX("crash-before-outbox", List.of(FaultParameter.PROBABILITY)),
    /**
     * With a probability, a cleanup transaction of Matches fails in the database after its deletions and before it
     * commits, so the whole cleanup rolls back.
     */
    CLEANUP_ERROR("cleanup-error", List.of(FaultParameter.PROBABILITY)),
    /** Every message reaches the trigger later by a fixed delay. */
    DELAY("delay", List.of(FaultParameter.DELAY)),
    /** Every message is delivered to the function this many times at once. */
    DUPLICATE("duplicate", List.of(FaultParameter.COPIES)),
    /**
     * Messages of different users are delivered out of order: each is held a random time within the window, while
     * one user's messages keep their order, as an ordering key guarantees.
     */
    REORDER("reorder", List.of(FaultParameter.WINDOW));

    private final String wireName;
    private final List<FaultParameter> parameters;

    FaultKind(String wireName, List<FaultParameter> parameters) {
        this.wireName = wireName;
        this.parameters = parameters;
    }

    /** Its name in fault texts, for example {@code crash-before-outbox}. */
    public String wireName() {
        return wireName;
    }

    /** The parameters it reads, the one that may go without its name first. */
    public List<FaultParameter> parameters() {
        return parameters;
    }

    /** The parameter that may be written without its name, right after the kind. */
    public Optional<FaultParameter> leadingParameter() {
        FaultParameter first = parameters.get(0);
        return first == FaultParameter.STATUS ? Optional.empty() : Optional.of(first);
    }

    /**
     * The kind with this name, in any case, with {@code _} for {@code -}.
     *
     * @throws IllegalArgumentException when no kind has that name, listing those that do
     */
    public static FaultKind named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values())
                .filter(kind -> kind.wireName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a kind of fault; name one of "
                        + String.join(
                                ", ",
                                Arrays.stream(values()).map(FaultKind::wireName).toList())));
    }
}
