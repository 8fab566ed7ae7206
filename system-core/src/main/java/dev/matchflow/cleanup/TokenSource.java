package dev.matchflow.cleanup;

/**
 * Supplies the bearer token the function presents to Matches' internal cleanup endpoint: locally a shared secret
 * ({@link SharedSecretTokenSource}), in the cloud a Google-signed ID token from the metadata server ({@link
 * MetadataIdTokenSource}).
 */
@FunctionalInterface
public interface TokenSource {

    /**
     * The token for the next request; called once per request, so a source may refresh it.
     *
     * @throws TokenUnavailableException when no token can be had right now
     */
    String token() throws TokenUnavailableException;
}
