package dev.matchflow.scenarios.language;

import dev.matchflow.pubsub.PubSubBackend;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The stack a scenario asks for; what it leaves out, the runner's options decide.
 *
 * @param pubsub the Pub/Sub backend, when the scenario names one
 * @param database a JDBC or {@code mysql://} URL, when the scenario names one; without it, in-memory H2
 * @param timeScale how many times faster than real time the embedded Pub/Sub server runs retry backoffs
 * @param publishing false to run User-Match as {@code ENABLE_EVENT_PUBLISHING=false} does
 * @param matchesTimeout how long the cleanup function waits for Matches, when not the stack's default
 */
public record StackChoice(
        Optional<PubSubBackend> pubsub,
        Optional<String> database,
        double timeScale,
        boolean publishing,
        Optional<Duration> matchesTimeout) {

    public StackChoice {
        Objects.requireNonNull(pubsub, "pubsub");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(matchesTimeout, "matchesTimeout");
    }

    /** The embedded Pub/Sub server, in-memory H2, real time, publishing on. */
    public static StackChoice defaults() {
        return new StackChoice(Optional.empty(), Optional.empty(), 1.0, true, Optional.empty());
    }
}
