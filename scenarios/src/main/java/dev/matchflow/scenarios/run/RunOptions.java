package dev.matchflow.scenarios.run;

import dev.matchflow.pubsub.PubSubBackend;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run decides over the scenarios' own settings.
 *
 * @param pubsub the Pub/Sub backend for every scenario, over what each file says
 * @param database {@code h2}, or a MySQL or MariaDB URL, for every scenario, over what each file says
 * @param parallelism the most requests the set-up and bulk steps send at once
 */
public record RunOptions(Optional<PubSubBackend> pubsub, Optional<String> database, int parallelism) {

    public RunOptions {
        Objects.requireNonNull(pubsub, "pubsub");
        Objects.requireNonNull(database, "database");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism " + parallelism + " must be at least 1");
        }
    }

    /** Each scenario as its file says; 8 requests at once. */
    public static RunOptions defaults() {
        return new RunOptions(Optional.empty(), Optional.empty(), 8);
    }

    public RunOptions withPubSub(PubSubBackend backend) {
        return new RunOptions(Optional.of(backend), database, parallelism);
    }

    public RunOptions withDatabase(String url) {
        return new RunOptions(pubsub, Optional.of(url), parallelism);
    }

    public RunOptions withParallelism(int newParallelism) {
        return new RunOptions(pubsub, database, newParallelism);
    }
}
