package dev.matchflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.matchflow.db.DatabaseSettings;
import dev.matchflow.pubsub.GoogleEmulator;
import dev.matchflow.pubsub.GoogleEmulatorLocator;
import dev.matchflow.pubsub.PubSubBackend;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end contract on Google's Pub/Sub emulator, where the Cloud SDK has it. One emulator serves every test,
 * each in a project of its own so that their topics and subscriptions never meet.
 */
class GoogleEmulatorStackEndToEndTest extends StackEndToEndContract {

    private static GoogleEmulator emulator;

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

    @Override
    StackSettings settingsFor(DatabaseSettings database) {
        return StackSettings.defaults()
                .withExternalEmulator(emulator.endpoint())
                .withProjectId("e2e-" + UUID.randomUUID().toString().substring(0, 8))
                .withDatabase(database);
    }

    @Test
    void theStackStartsGooglesEmulatorItselfWhenAskedFor() {
        try (SystemStack stack =
                SystemStack.start(StackSettings.defaults().withPubSub(PubSubBackend.GOOGLE_EMULATOR))) {
            assertThat(stack.endpoints().pubsub()).startsWith("127.0.0.1:").isNotEqualTo(emulator.endpoint());
            assertThat(stack.broker()).isEmpty();
        }
    }
}
