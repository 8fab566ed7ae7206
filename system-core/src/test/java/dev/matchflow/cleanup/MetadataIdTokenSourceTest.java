package dev.matchflow.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.matchflow.security.FakeGoogle;
import dev.matchflow.security.GoogleIdTokenVerifier;
import dev.matchflow.testing.FreePorts;
import dev.matchflow.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetadataIdTokenSourceTest {

    private static final String MATCHES_URL = "https://matches-4xkx7qz-ew.a.run.app";
    private static final String FUNCTION_ACCOUNT = "cleanup-fn@matchflow-prod.iam.gserviceaccount.com";

    private final TestClock clock = new TestClock(Instant.now());
    private final FakeGoogle google = FakeGoogle.start(FUNCTION_ACCOUNT, clock);
    private final MetadataIdTokenSource source = new MetadataIdTokenSource(google.metadataHost(), MATCHES_URL, clock);

    @AfterEach
    void stopGoogle() {
        google.close();
    }

    @Test
    void theTokenIsAGoogleIdTokenOfTheFunctionForMatches() throws Exception {
        String token = source.token();

        GoogleIdTokenVerifier matches =
                new GoogleIdTokenVerifier(MATCHES_URL, FUNCTION_ACCOUNT, google.certificatesUrl());
        assertThat(matches.accepts(token)).isTrue();
    }

    @Test
    void oneTokenServesEveryCallUntilShortlyBeforeItExpires() throws Exception {
        String first = source.token();
        clock.advance(Duration.ofMinutes(54));

        String later = source.token();

        assertThat(later).isEqualTo(first);
        assertThat(google.identityRequests()).isEqualTo(1);
    }

    @Test
    void aNewTokenIsFetchedOnceTheOldOneIsAboutToExpire() throws Exception {
        source.token();
        clock.advance(Duration.ofHours(1)
                .minus(MetadataIdTokenSource.REFRESH_BEFORE_EXPIRY)
                .plusSeconds(1));

        source.token();
        source.token();

        assertThat(google.identityRequests()).isEqualTo(2);
    }

    @Test
    void tokensLivingShorterThanTheRefreshMarginAreFetchedForEveryCall() throws Exception {
        google.tokenLifetime(Duration.ofMinutes(2));
        source.token();

        source.token();

        assertThat(google.identityRequests()).isEqualTo(2);
    }

    @Test
    void aMetadataServerThatIsDownIsAClearError() {
        String nowhere = "127.0.0.1:" + FreePorts.unused();
        MetadataIdTokenSource unreachable = new MetadataIdTokenSource(nowhere, MATCHES_URL, clock);

        assertThatThrownBy(unreachable::token)
                .isInstanceOf(TokenUnavailableException.class)
                .hasMessageContaining("the metadata server at " + nowhere + " gave no ID token for " + MATCHES_URL)
                .hasMessageContaining("GCE_METADATA_HOST");
    }

    @Test
    void aMetadataServerThatRefusesIsAClearErrorWithItsAnswer() {
        MetadataIdTokenSource withoutAudience = new MetadataIdTokenSource(google.metadataHost(), "", clock);

        assertThatThrownBy(withoutAudience::token)
                .isInstanceOf(TokenUnavailableException.class)
                .hasMessageContaining("answered 400")
                .hasMessageContaining("audience parameter required");
    }
}
