package dev.matchflow.faults;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One fault: what it strikes, what it does, and how. A fault is written as text ({@link #parse}, {@link
 * #describe()}) or as a map ({@link #fromMap}, {@link #toMap()}); see the {@code faults} package for the grammar.
 *
 * <pre>{@code
 * Fault slow = Fault.parse("matches slow 200ms jitter 50ms");
 * Fault same = Fault.slow(FaultComponent.MATCHES, Duration.ofMillis(200), Duration.ofMillis(50));
 * }</pre>
 *
 * @param component what it strikes
 * @param kind what it does
 * @param parameters how: only the kind's own parameters are set, its defaults filled in
 * @throws IllegalArgumentException when the component does not take the kind or a parameter is out of range,
 *     saying what would be right
 */
public record Fault(FaultComponent component, FaultKind kind, FaultParameters parameters) {

    public Fault {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(parameters, "parameters");
        parameters = FaultRules.checked(component, kind, parameters);
    }

    /** The component refuses connections (or stops, or cannot be reached); see {@link FaultKind#DOWN}. */
    public static Fault down(FaultComponent component) {
        return new Fault(component, FaultKind.DOWN, FaultParameters.UNSET);
    }

    /** The HTTP service answers every request with {@code status} (500 or 503). */
    public static Fault downAnswering(FaultComponent service, int status) {
        return new Fault(service, FaultKind.DOWN, FaultParameters.UNSET.withStatus(status));
    }

    public static Fault slow(FaultComponent component, Duration latency, Duration jitter) {
        return new Fault(
                component,
                FaultKind.SLOW,
                FaultParameters.UNSET.withLatency(latency).withJitter(jitter));
    }

    /** The HTTP service answers 503 to requests, or the trigger hands deliveries back, with this probability. */
    public static Fault failing(FaultComponent component, double probability) {
        return new Fault(component, FaultKind.FAILING, FaultParameters.UNSET.withProbability(probability));
    }

    /** The cleanup function throws with this probability. */
    public static Fault functionCrash(double probability) {
        return new Fault(FaultComponent.FUNCTION, FaultKind.CRASH, FaultParameters.UNSET.withProbability(probability));
    }

    /** User-Match dies between the Pools commit and the outbox write of a leave, with this probability. */
    public static Fault crashBeforeOutbox(double probability) {
        return new Fault(
                FaultComponent.USER_MATCH,
                FaultKind.CRASH_BEFORE_OUTBOX,
                FaultParameters.UNSET.withProbability(probability));
    }

    /** A cleanup transaction fails after its deletions, with this probability. */
    public static Fault cleanupError(double probability) {
        return new Fault(
                FaultComponent.DATABASE, FaultKind.CLEANUP_ERROR, FaultParameters.UNSET.withProbability(probability));
    }

    /** User-Match cannot reach Pub/Sub to publish. */
    public static Fault publishOutage() {
        return down(FaultComponent.PUBSUB);
    }

    public static Fault deliveryDelay(Duration delay) {
        return new Fault(FaultComponent.PUBSUB, FaultKind.DELAY, FaultParameters.UNSET.withDelay(delay));
    }

    public static Fault duplicateDelivery(int copies) {
        return new Fault(FaultComponent.PUBSUB, FaultKind.DUPLICATE, FaultParameters.UNSET.withCopies(copies));
    }

    public static Fault reorderedDelivery(Duration window) {
        return new Fault(FaultComponent.PUBSUB, FaultKind.REORDER, FaultParameters.UNSET.withWindow(window));
    }

    /**
     * The fault a text describes: {@code COMPONENT KIND [VALUE] [NAME VALUE]...}, for example {@code matches down},
     * {@code matches failing 0.3 status 503}, {@code pubsub publish-outage}, {@code function crash 0.5}.
     *
     * @throws IllegalArgumentException when the text is not a valid fault, saying what was expected
     */
    public static Fault parse(String text) {
        return FaultText.parse(Objects.requireNonNull(text, "text"));
    }

    /**
     * The fault a map describes: {@code component} and {@code kind}, and the kind's parameters by name, for example
     * {@code {component: matches, kind: slow, latency: 200ms, jitter: 50ms}}; values may be strings or numbers.
     *
     * @throws IllegalArgumentException when the map is not a valid fault, saying what was expected
     */
    public static Fault fromMap(Map<String, ?> map) {
        return FaultText.fromMap(Objects.requireNonNull(map, "map"));
    }

    /** Its text, which {@link #parse} reads back: {@code matches slow 200ms jitter 50ms}. */
    public String describe() {
        return FaultText.describe(this);
    }

    /** Its map form, which {@link #fromMap} reads back; values are strings. */
    public Map<String, String> toMap() {
        return FaultText.toMap(this);
    }

    /** What it does, in a sentence: {@code every request to Matches takes 200ms (± 50ms) longer}. */
    public String explain() {
        return FaultStory.of(this);
    }

    @Override
    public String toString() {
        return describe();
    }
}
