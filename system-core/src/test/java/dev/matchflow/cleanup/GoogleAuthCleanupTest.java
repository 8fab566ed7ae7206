package dev.matchflow.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.matchflow.events.EncodedEvent;
import dev.matchflow.events.EventCodec;
import dev.matchflow.events.PoolMemberRemoved;
import dev.matchflow.http.HttpSettings;
import dev.matchflow.matches.MatchesApi;
import dev.matchflow.security.FakeGoogle;
import dev.matchflow.security.GoogleIdTokenVerifier;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.FreePorts;
import dev.matchflow.testing.TestDatabase;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.UUID;

/** The function and Matches as they run in the cloud: Google-signed ID tokens from the metadata server. */
class GoogleAuthCleanupTest {

    private static final String FUNCTION_ACCOUNT = "cleanup-fn@matchflow-prod.iam.gserviceaccount.com";

    private final UUID ann = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final int matchesPort = FreePorts.unused();
    private final String matchesUrl = "http://127.0.0.1:" + matchesPort;

    @DatabaseTest
    void theFunctionCleansUpThroughMatchesWithItsIdToken(TestDatabase database) throws Exception {
        try (FakeGoogle google = FakeGoogle.start(FUNCTION_ACCOUNT);
                MatchesApi matches = matchesCheckingIdTokens(database, google)) {
            UUID poolId = matches.givenPoolWith(ann, bob);
            UUID waiting = matches.givenMatch(poolId, ann, bob);
            UUID accepted = matches.givenDecidedMatch(poolId, bob, "accept", ann, "accept");

            function(google).accept(annLeft(matches, poolId));

            assertThat(matches.match(waiting).status()).isEqualTo(404);
            assertThat(matches.match(accepted).status()).isEqualTo(200);
            assertThat(google.identityRequests()).isEqualTo(1);
        }
    }

    @DatabaseTest
    void matchesRefusesTheIdTokenOfAnotherServiceAccountAndTheDeliveryIsRetried(TestDatabase database) {
        try (FakeGoogle google = FakeGoogle.start("user-match@matchflow-prod.iam.gserviceaccount.com");
                MatchesApi matches = matchesCheckingIdTokens(database, google)) {
            UUID poolId = matches.givenPoolWith(ann, bob);
            UUID waiting = matches.givenMatch(poolId, ann, bob);

            assertThatThrownBy(() -> function(google).accept(annLeft(matches, poolId)))
                    .isInstanceOf(CleanupFailedException.class)
                    .cause()
                    .satisfies(cause -> assertThat(((MatchesUnavailableException) cause).failureCause())
                            .isEqualTo(FailureCause.UNAUTHORIZED));
            assertThat(matches.match(waiting).status()).isEqualTo(200);
        }
    }

    private MatchesApi matchesCheckingIdTokens(TestDatabase database, FakeGoogle google) {
        HttpSettings settings =
                new HttpSettings(HttpSettings.LOOPBACK, matchesPort, HttpSettings.DEFAULT_MAX_BODY_BYTES);
        GoogleIdTokenVerifier verifier =
                new GoogleIdTokenVerifier(matchesUrl, FUNCTION_ACCOUNT, google.certificatesUrl());
        return MatchesApi.startWith(database, settings, verifier);
    }

    private CleanupFunction function(FakeGoogle google) {
        Map<String, String> environment = Map.of(
                CleanupSettings.MATCHES_SERVICE_URL,
                matchesUrl,
                "INTERNAL_AUTH",
                "google",
                CleanupSettings.GCE_METADATA_HOST,
                google.metadataHost());
        return new CleanupFunction(CleanupSettings.from(environment::get), new SimpleMeterRegistry());
    }

    private CloudEvent annLeft(MatchesApi matches, UUID poolId) {
        matches.pools().leave(ann);
        EncodedEvent event = EventCodec.encode(new PoolMemberRemoved(
                UUID.randomUUID(), poolId, ann, matches.clock().instant()));
        return MessagePublishedEvents.cloudEvent(event.data(), event.attributes());
    }
}
