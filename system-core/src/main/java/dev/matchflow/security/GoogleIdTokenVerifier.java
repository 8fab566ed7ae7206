package dev.matchflow.security;

import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.auth.oauth2.TokenVerifier;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts Google-signed ID tokens of one caller for one audience, as a service account presents them to a
 * private Cloud Run service: the RS256 signature checks against Google's published keys, the issuer is
 * Google, the audience is the called service's URL, the token has not expired, and its {@code email} is the
 * allowed caller's service account.
 *
 * <p>Google's keys are fetched from the certificates URL on first use and kept for an hour. Every refusal is
 * logged with its reason, never with the token.
 *
 * <p>That the tokens a Cloud Functions runtime's metadata server issues carry the {@code email} claim is taken from
 * Google's documentation; no real runtime was reachable to confirm it.
 */
public final class GoogleIdTokenVerifier implements InternalTokenVerifier {

    /** Where Google publishes the keys that sign its ID tokens, as a JSON Web Key Set. */
    public static final URI GOOGLE_CERTIFICATES = URI.create("https://www.googleapis.com/oauth2/v3/certs");

    private static final Logger LOG = LoggerFactory.getLogger(GoogleIdTokenVerifier.class);
    private static final Set<String> GOOGLE_ISSUERS = Set.of("accounts.google.com", "https://accounts.google.com");
    private static final String ALGORITHM = "RS256";

    private final String audience;
    private final String caller;
    private final TokenVerifier signatures;

    /**
     * @param audience the URL callers address this service by, which their tokens must name as audience (a
     *     trailing slash is ignored, as callers leave it out)
     * @param caller the email of the one service account allowed to call
     * @param certificates where the signing keys are published; {@link #GOOGLE_CERTIFICATES} outside tests
     */
    public GoogleIdTokenVerifier(String audience, String caller, URI certificates) {
        this.audience = requireText(audience, "audience").replaceAll("/+$", "");
        this.caller = requireText(caller, "caller");
        this.signatures = TokenVerifier.newBuilder()
                .setCertificatesLocation(certificates.toString())
                .build();
    }

    @Override
    public boolean accepts(String token) {
        Optional<String> refusal = refusal(token);
        refusal.ifPresent(reason -> LOG.warn("internal call refused: {}", reason));
        return refusal.isEmpty();
    }

    /** Why the token is refused, or empty when it is accepted. */
    Optional<String> refusal(String token) {
        JsonWebSignature verified;
        try {
            verified = signatures.verify(token);
        } catch (TokenVerifier.VerificationException | RuntimeException e) {
            return Optional.of("the ID token does not verify: " + e.getMessage());
        }
        return claimsRefusal(verified);
    }

    private Optional<String> claimsRefusal(JsonWebSignature token) {
        JsonWebSignature.Payload claims = token.getPayload();
        if (!ALGORITHM.equals(token.getHeader().getAlgorithm())) {
            return Optional.of(
                    "the ID token is signed with " + token.getHeader().getAlgorithm() + ", not " + ALGORITHM);
        }
        if (!GOOGLE_ISSUERS.contains(claims.getIssuer())) {
            return Optional.of("issuer '" + claims.getIssuer() + "' is not Google's (https://accounts.google.com)");
        }
        if (!List.of(audience).equals(claims.getAudienceAsList())) {
            return Optional.of("audience " + claims.getAudienceAsList() + " is not this service's URL '" + audience
                    + "'; the caller must ask for a token for that URL");
        }
        if (claims.getExpirationTimeSeconds() == null) {
            return Optional.of("the ID token has no expiry time");
        }
        if (!caller.equals(claims.get("email"))) {
            return Optional.of(
                    "caller '" + claims.get("email") + "' is not the allowed service account '" + caller + "'");
        }
        return Optional.empty();
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("the " + name + " of accepted ID tokens is empty");
        }
        return value.strip();
    }

    @Override
    public String toString() {
        return "GoogleIdTokenVerifier[audience=" + audience + ", caller=" + caller + "]";
    }
}
