package dev.matchflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.observability.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    @Test
    void settingsTraceNothingUntilGivenAnOpenTelemetry() {
        HttpSettings loopback = HttpSettings.loopback();
        HttpSettings fromEnvironment = HttpSettings.fromEnvironment(Map.of("PORT", "0"));

        assertThat(loopback.openTelemetry()).isSameAs(OpenTelemetry.noop());
        assertThat(fromEnvironment.openTelemetry()).isSameAs(OpenTelemetry.noop());
    }

    @Test
    void theOpenTelemetryIsKeptThroughEveryOtherChange() {
        try (Telemetry telemetry = Telemetry.inProcess("settings")) {

            HttpSettings settings = HttpSettings.loopback()
                    .withOpenTelemetry(telemetry.openTelemetry())
                    .withHost("0.0.0.0")
                    .withPort(8080)
                    .withMaxBodyBytes(1_024);

            assertThat(settings.openTelemetry()).isSameAs(telemetry.openTelemetry());
            assertThat(settings).isEqualTo(new HttpSettings("0.0.0.0", 8080, 1_024, telemetry.openTelemetry()));
        }
    }
}
