package dev.matchflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.matchflow.pubsub.GoogleEmulatorLocator;
import dev.matchflow.pubsub.PubSubBackend;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendChoiceTest {

    private static final GoogleEmulatorLocator.Lookup INSTALLED = new GoogleEmulatorLocator.Lookup(
            Optional.of(Path.of("/sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator")), "installed");
    private static final GoogleEmulatorLocator.Lookup MISSING =
            new GoogleEmulatorLocator.Lookup(Optional.empty(), "Google's Pub/Sub emulator is not installed.");

    @Test
    void bothComparesEmbeddedWithGooglesEmulatorWhereItIsInstalled() {
        BackendChoice choice = BackendChoice.choose("both", INSTALLED);

        assertThat(choice.backends()).containsExactly(PubSubBackend.EMBEDDED, PubSubBackend.GOOGLE_EMULATOR);
        assertThat(choice.note()).isEmpty();
    }

    @Test
    void bothFallsBackToEmbeddedAloneAndSaysWhyWhereTheEmulatorIsMissing() {
        BackendChoice choice = BackendChoice.choose("both", MISSING);

        assertThat(choice.backends()).containsExactly(PubSubBackend.EMBEDDED);
        assertThat(choice.note()).isEqualTo("Measuring embedded alone. Google's Pub/Sub emulator is not installed.");
    }

    @Test
    void askingForGooglesEmulatorWhereItIsMissingIsRefusedWithTheReason() {
        assertThatThrownBy(() -> BackendChoice.choose("google-emulator", MISSING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Google's Pub/Sub emulator is not installed.");
    }

    @Test
    void anUnknownBackendIsRefusedWithTheValidNames() {
        assertThatThrownBy(() -> BackendChoice.choose("gcp", INSTALLED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown benchmark backend 'gcp': use embedded, google-emulator or both.");
    }
}
