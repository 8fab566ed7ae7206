package dev.matchflow.security;

import java.net.URI;
import java.util.Map;

/**
 * The verifier a service's settings ask for: with {@code INTERNAL_AUTH} unset, the shared secret in {@code
 * INTERNAL_TOKEN}; with {@code INTERNAL_AUTH=google}, Google-signed ID tokens whose audience is the service's
 * own URL and whose caller is {@code INTERNAL_CALLER}, checked against the keys at {@code GOOGLE_CERTS_URL}
 * (Google's by default).
 */
public final class InternalTokenVerifiers {

    public static final String INTERNAL_TOKEN = "INTERNAL_TOKEN";
    public static final String INTERNAL_CALLER = "INTERNAL_CALLER";
    public static final String GOOGLE_CERTS_URL = "GOOGLE_CERTS_URL";

    private InternalTokenVerifiers() {}

    /**
     * @param ownUrlVariable the setting that holds the URL callers address this service by
     * @throws IllegalStateException when a setting the chosen mode needs is missing, naming it
     */
    public static InternalTokenVerifier fromEnvironment(Map<String, String> environment, String ownUrlVariable) {
        InternalAuth mode = InternalAuth.parse(environment.get(InternalAuth.VARIABLE));
        return switch (mode) {
            case SHARED_TOKEN ->
                new SharedSecretVerifier(required(environment, INTERNAL_TOKEN, "a long random string"));
            case GOOGLE ->
                new GoogleIdTokenVerifier(
                        required(
                                environment,
                                ownUrlVariable,
                                "this service's https URL, e.g. https://matches-abc-ew.a.run.app"),
                        required(
                                environment,
                                INTERNAL_CALLER,
                                "the caller's service account, e.g. fn@project.iam.gserviceaccount.com"),
                        URI.create(environment.getOrDefault(
                                GOOGLE_CERTS_URL, GoogleIdTokenVerifier.GOOGLE_CERTIFICATES.toString())));
        };
    }

    private static String required(Map<String, String> environment, String name, String example) {
        String value = environment.getOrDefault(name, "").strip();
        if (value.isEmpty()) {
            throw new IllegalStateException(name + " is not set; with " + InternalAuth.VARIABLE + "="
                    + InternalAuth.parse(environment.get(InternalAuth.VARIABLE)).setting() + " set it to " + example);
        }
        return value;
    }
}
