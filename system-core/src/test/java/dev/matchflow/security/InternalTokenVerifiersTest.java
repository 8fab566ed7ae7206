package dev.matchflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InternalTokenVerifiersTest {

    private static final String OWN_URL = "MATCHES_SERVICE_URL";

    @Test
    void withoutAModeTheSharedSecretIsChecked() {
        InternalTokenVerifier verifier =
                InternalTokenVerifiers.fromEnvironment(Map.of("INTERNAL_TOKEN", "s3cret"), OWN_URL);

        assertThat(verifier).isInstanceOf(SharedSecretVerifier.class);
        assertThat(verifier.accepts("s3cret")).isTrue();
    }

    @Test
    void theGoogleModeChecksIdTokensForTheServicesOwnUrlAndCaller() {
        InternalTokenVerifier verifier = InternalTokenVerifiers.fromEnvironment(
                Map.of(
                        "INTERNAL_AUTH",
                        "google",
                        OWN_URL,
                        "https://matches-abc-ew.a.run.app",
                        "INTERNAL_CALLER",
                        "fn@p.iam.gserviceaccount.com"),
                OWN_URL);

        assertThat(verifier)
                .hasToString("GoogleIdTokenVerifier[audience=https://matches-abc-ew.a.run.app,"
                        + " caller=fn@p.iam.gserviceaccount.com]");
    }

    @Test
    void theGoogleModeWithoutACallerFailsNamingTheSetting() {
        Map<String, String> environment =
                Map.of("INTERNAL_AUTH", "google", OWN_URL, "https://matches-abc-ew.a.run.app");

        assertThatThrownBy(() -> InternalTokenVerifiers.fromEnvironment(environment, OWN_URL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("INTERNAL_CALLER is not set; with INTERNAL_AUTH=google");
    }

    @Test
    void theGoogleModeWithoutTheOwnUrlFailsNamingTheSetting() {
        Map<String, String> environment =
                Map.of("INTERNAL_AUTH", "google", "INTERNAL_CALLER", "fn@p.iam.gserviceaccount.com");

        assertThatThrownBy(() -> InternalTokenVerifiers.fromEnvironment(environment, OWN_URL))
                .hasMessageStartingWith("MATCHES_SERVICE_URL is not set");
    }

    @Test
    void anUnknownModeFailsListingTheModes() {
        assertThatThrownBy(() -> InternalTokenVerifiers.fromEnvironment(Map.of("INTERNAL_AUTH", "iap"), OWN_URL))
                .hasMessageContaining("INTERNAL_AUTH 'iap' is not a mode")
                .hasMessageContaining("'google'");
    }
}
