package dev.matchflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.matchflow.pubsub.GoogleEmulator;
import dev.matchflow.pubsub.GoogleEmulatorLocator;
import dev.matchflow.pubsub.PubSubBackend;
import org.junit.jupiter.api.Test;

/** The stack on the {@code google-emulator} backend, where the Cloud SDK has the emulator. */
class GoogleEmulatorBackendTest {

    @Test
    void theStackStartsGooglesEmulatorItselfWhenAskedFor() {
        GoogleEmulatorLocator.Lookup lookup = GoogleEmulator.find();
        assumeTrue(lookup.isInstalled(), () -> "skipped: " + lookup.reason());

        try (SystemStack stack =
                SystemStack.start(StackSettings.defaults().withPubSub(PubSubBackend.GOOGLE_EMULATOR))) {
            assertThat(stack.endpoints().pubsub()).startsWith("127.0.0.1:");
            assertThat(stack.broker()).isEmpty();
        }
    }
}
