package dev.matchflow.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.matchflow.security.FakeGoogle;
import dev.matchflow.security.GoogleIdTokenVerifier;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CleanupSettingsTest {

    private final Map<String, String> variables = new HashMap<>(Map.of(
            "MATCHES_SERVICE_URL", "http://127.0.0.1:8082",
            "INTERNAL_TOKEN", "s3cret"));

    @Test
    void urlAndTokenComeFromTheirVariables() throws Exception {
        CleanupSettings settings = CleanupSettings.from(variables::get);

        assertThat(settings.matchesServiceUrl()).isEqualTo(URI.create("http://127.0.0.1:8082"));
        assertThat(settings.tokenSource().token()).isEqualTo("s3cret");
        assertThat(settings.requestTimeout()).isEqualTo(CleanupSettings.DEFAULT_REQUEST_TIMEOUT);
    }

    @Test
    void timeoutInMillisecondsBoundsBothWaits() {
        variables.put("MATCHES_TIMEOUT_MS", "500");

        CleanupSettings settings = CleanupSettings.from(variables::get);

        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void missingUrlIsNamedWithWhatToSet() {
        variables.remove("MATCHES_SERVICE_URL");

        assertThatThrownBy(() -> CleanupSettings.from(variables::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("MATCHES_SERVICE_URL is not set");
    }

    @Test
    void missingTokenIsNamedWithWhatToSet() {
        variables.remove("INTERNAL_TOKEN");

        assertThatThrownBy(() -> CleanupSettings.from(variables::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("INTERNAL_TOKEN is not set");
    }

    @Test
    void inTheGoogleModeTheTokenIsAnIdTokenFromTheMetadataServerAndNoSecretIsNeeded() throws Exception {
        variables.remove("INTERNAL_TOKEN");
        variables.put("INTERNAL_AUTH", "google");
        variables.put("MATCHES_SERVICE_URL", "http://127.0.0.1:8082/");
        try (FakeGoogle google = FakeGoogle.start("cleanup-fn@matchflow-prod.iam.gserviceaccount.com")) {
            variables.put("GCE_METADATA_HOST", google.metadataHost());

            String token = CleanupSettings.from(variables::get).tokenSource().token();

            assertThat(token).startsWith("ey");
            assertThat(new GoogleIdTokenVerifier(
                                    "http://127.0.0.1:8082",
                                    "cleanup-fn@matchflow-prod.iam.gserviceaccount.com",
                                    google.certificatesUrl())
                            .accepts(token))
                    .as("the token is for the Matches URL without its trailing slash")
                    .isTrue();
        }
    }

    @Test
    void urlWithoutHttpSchemeIsRefusedWithTheValue() {
        variables.put("MATCHES_SERVICE_URL", "127.0.0.1:8082");

        assertThatThrownBy(() -> CleanupSettings.from(variables::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'127.0.0.1:8082'");
    }

    @Test
    void timeoutThatIsNotAPositiveNumberIsRefusedWithTheValue() {
        variables.put("MATCHES_TIMEOUT_MS", "10s");

        assertThatThrownBy(() -> CleanupSettings.from(variables::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'10s'");
    }

    @Test
    void settingsNeverShowTheSecret() {
        CleanupSettings settings = CleanupSettings.from(variables::get);

        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void systemPropertiesStandInForMissingEnvironmentVariables() throws Exception {
        assumeTrue(System.getenv(CleanupSettings.MATCHES_SERVICE_URL) == null, "MATCHES_SERVICE_URL is set here");
        assumeTrue(System.getenv(CleanupSettings.INTERNAL_TOKEN) == null, "INTERNAL_TOKEN is set here");
        System.setProperty(CleanupSettings.MATCHES_SERVICE_URL, "http://127.0.0.1:9999");
        System.setProperty(CleanupSettings.INTERNAL_TOKEN, "from-property");
        try {
            CleanupSettings settings = CleanupSettings.fromEnvironment();

            assertThat(settings.matchesServiceUrl()).isEqualTo(URI.create("http://127.0.0.1:9999"));
            assertThat(settings.tokenSource().token()).isEqualTo("from-property");
        } finally {
            System.clearProperty(CleanupSettings.MATCHES_SERVICE_URL);
            System.clearProperty(CleanupSettings.INTERNAL_TOKEN);
        }
    }
}
