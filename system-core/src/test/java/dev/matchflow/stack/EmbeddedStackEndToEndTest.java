package dev.matchflow.stack;

import dev.matchflow.db.DatabaseSettings;
import dev.matchflow.testing.OnEachDatabase;
import dev.matchflow.testing.TestDatabase;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;

/** The end-to-end contract on the embedded Pub/Sub server, the default backend, on each database. */
@OnEachDatabase
class EmbeddedStackEndToEndTest extends StackEndToEndContract {

    private DatabaseSettings database;

    @BeforeEach
    void useDatabase(TestDatabase fresh) {
        database = DatabaseSettings.of(fresh.jdbcUrl(), fresh.user(), fresh.password());
    }

    @Override
    protected RunningStack startStack(UnaryOperator<StackSettings> adjust) {
        return SystemStack.start(adjust.apply(StackSettings.defaults().withDatabase(database)));
    }
}
