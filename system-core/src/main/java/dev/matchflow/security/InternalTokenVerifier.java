package dev.matchflow.security;

/**
 * Decides whether the bearer token of a call to an internal endpoint comes from an allowed caller.
 *
 * <p>Locally the token is a shared secret ({@link SharedSecretVerifier}, random per simulator run). In the
 * cloud the caller sends a Google-signed ID token (audience: the called service's URL; caller: the
 * cleanup function's service account), which {@link GoogleIdTokenVerifier} checks. {@link
 * InternalTokenVerifiers} picks one from a service's settings.
 */
@FunctionalInterface
public interface InternalTokenVerifier {

    /** True when the token, as sent after {@code Bearer }, is accepted. */
    boolean accepts(String token);
}
