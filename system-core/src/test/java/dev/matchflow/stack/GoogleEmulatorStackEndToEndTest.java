package dev.matchflow.stack;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.matchflow.db.DatabaseSettings;
import dev.matchflow.pubsub.GoogleEmulator;
import dev.matchflow.pubsub.GoogleEmulatorLocator;
import dev.matchflow.testing.OnEachDatabase;
import dev.matchflow.testing.TestDatabase;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The end-to-end contract on Google's Pub/Sub emulator, where the Cloud SDK has it. One emulator serves every test,
 * each in a project of its own so that their topics and subscriptions never meet; on each database.
 */
@OnEachDatabase
class GoogleEmulatorStackEndToEndTest extends StackEndToEndContract {

    private static GoogleEmulator emulator;

    private DatabaseSettings database;

    @BeforeAll
    static void startEmulator() {
        GoogleEmulatorLocator.Lookup lookup = GoogleEmulator.find();
        assumeTrue(lookup.isInstalled(), () -> "skipped: " + lookup.reason());
        emulator = lookup.start();
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void useDatabase(TestDatabase fresh) {
        database = DatabaseSettings.of(fresh.jdbcUrl(), fresh.user(), fresh.password());
    }

    @Override
    protected RunningStack startStack(UnaryOperator<StackSettings> adjust) {
        return SystemStack.start(adjust.apply(StackSettings.defaults()
                .withExternalEmulator(emulator.endpoint())
                .withProjectId("e2e-" + UUID.randomUUID().toString().substring(0, 8))
                .withDatabase(database)));
    }
}
