package dev.matchflow.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PubSubBackendTest {

    @Test
    void everyBackendParsesFromItsName() {
        assertThat(PubSubBackend.parse("embedded")).isEqualTo(PubSubBackend.EMBEDDED);
        assertThat(PubSubBackend.parse("google-emulator")).isEqualTo(PubSubBackend.GOOGLE_EMULATOR);
        assertThat(PubSubBackend.parse("container")).isEqualTo(PubSubBackend.CONTAINER);
        assertThat(PubSubBackend.parse("external")).isEqualTo(PubSubBackend.EXTERNAL);
        assertThat(PubSubBackend.parse("gcp")).isEqualTo(PubSubBackend.GCP);
    }

    @Test
    void parsingIgnoresCaseAndSurroundingBlanks() {
        assertThat(PubSubBackend.parse("  Google-Emulator ")).isEqualTo(PubSubBackend.GOOGLE_EMULATOR);
    }

    @Test
    void anUnknownNameIsRejectedWithTheValidOnes() {
        assertThatThrownBy(() -> PubSubBackend.parse("kafka"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown Pub/Sub backend 'kafka': use one of embedded, google-emulator, container,"
                        + " external, gcp.");
    }

    @Test
    void onlyGcpIsReachedWithoutAnEmulatorEndpoint() {
        assertThat(PubSubBackend.values())
                .filteredOn(backend -> !backend.isEmulated())
                .containsExactly(PubSubBackend.GCP);
    }
}
