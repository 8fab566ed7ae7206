package dev.matchflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class GoogleIdTokenVerifierTest {

    private static final String MATCHES_URL = "https://matches-4xkx7qz-ew.a.run.app";
    private static final String FUNCTION_ACCOUNT = "cleanup-fn@matchflow-prod.iam.gserviceaccount.com";
    private static final FakeGoogle GOOGLE = FakeGoogle.start(FUNCTION_ACCOUNT);

    private final GoogleIdTokenVerifier verifier =
            new GoogleIdTokenVerifier(MATCHES_URL, FUNCTION_ACCOUNT, GOOGLE.certificatesUrl());
    private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
    private final Logger verifierLog = (Logger) LoggerFactory.getLogger(GoogleIdTokenVerifier.class);

    @BeforeEach
    void collectLogLines() {
        logLines.start();
        verifierLog.addAppender(logLines);
    }

    @AfterEach
    void stopCollecting() {
        verifierLog.detachAppender(logLines);
    }

    @AfterAll
    static void stopGoogle() {
        GOOGLE.close();
    }

    @Test
    void aTokenOfTheFunctionForMatchesIsAccepted() {
        String token = GOOGLE.idToken(GOOGLE.claims(MATCHES_URL));

        assertThat(verifier.accepts(token)).isTrue();
        assertThat(logLines.list).isEmpty();
    }

    @Test
    void theShortIssuerGoogleAlsoUsesIsAccepted() {
        Map<String, Object> claims = GOOGLE.claims(MATCHES_URL);
        claims.put("iss", "accounts.google.com");

        assertThat(verifier.accepts(GOOGLE.idToken(claims))).isTrue();
    }

    @Test
    void aTokenSignedWithAnUnpublishedKeyIsRefused() {
        String forged = GOOGLE.idTokenSignedByAnotherKey(GOOGLE.claims(MATCHES_URL));

        assertThat(verifier.refusal(forged))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not verify"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Map<String, Object> claims = GOOGLE.claims(MATCHES_URL);
        claims.put("exp", Instant.now().minusSeconds(60).getEpochSecond());

        assertThat(verifier.refusal(GOOGLE.idToken(claims)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("expired"));
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        Map<String, Object> claims = GOOGLE.claims(MATCHES_URL);
        claims.remove("exp");

        assertThat(verifier.refusal(GOOGLE.idToken(claims)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no expiry"));
    }

    @Test
    void aTokenForAnotherServiceIsRefusedNamingBothAudiences() {
        String token = GOOGLE.idToken(GOOGLE.claims("https://pools-4xkx7qz-ew.a.run.app"));

        assertThat(verifier.refusal(token))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("https://pools-4xkx7qz-ew.a.run.app", MATCHES_URL));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        Map<String, Object> claims = GOOGLE.claims(MATCHES_URL);
        claims.put("iss", "https://sts.example.com");

        assertThat(verifier.refusal(GOOGLE.idToken(claims)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("issuer 'https://sts.example.com'"));
    }

    @Test
    void aTokenOfAnotherServiceAccountIsRefusedNamingIt() {
        Map<String, Object> claims = GOOGLE.claims(MATCHES_URL);
        claims.put("email", "user-match@matchflow-prod.iam.gserviceaccount.com");

        assertThat(verifier.refusal(GOOGLE.idToken(claims)))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("user-match@matchflow-prod.iam.gserviceaccount.com", FUNCTION_ACCOUNT));
    }

    @Test
    void somethingThatIsNotAJwtIsRefused() {
        assertThat(verifier.accepts("local-only-change-me")).isFalse();
    }

    @Test
    void aRefusalIsLoggedWithItsReasonAndWithoutTheToken() {
        Map<String, Object> claims = GOOGLE.claims(MATCHES_URL);
        claims.put("email", "someone@example.com");
        String token = GOOGLE.idToken(claims);

        verifier.accepts(token);

        assertThat(logLines.list)
                .singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage())
                        .contains("internal call refused", "someone@example.com")
                        .doesNotContain(token)
                        .doesNotContain(token.substring(token.lastIndexOf('.') + 1)));
    }

    @Test
    void aTrailingSlashOnTheConfiguredUrlIsIgnored() {
        GoogleIdTokenVerifier withSlash =
                new GoogleIdTokenVerifier(MATCHES_URL + "/", FUNCTION_ACCOUNT, GOOGLE.certificatesUrl());

        assertThat(withSlash.accepts(GOOGLE.idToken(GOOGLE.claims(MATCHES_URL))))
                .isTrue();
    }
}
