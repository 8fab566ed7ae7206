package dev.matchflow.cleanup;

/**
 * Supplies the bearer token the function presents to Matches' internal cleanup endpoint.
 *
 * <p>Locally that is a shared secret ({@link SharedSecretTokenSource}). In the cloud it is a Google-signed ID
 * token whose audience is the Matches URL; that source comes with the deployment work, since it needs the
 * metadata server of a real Cloud Functions runtime to be exercised.
 */
@FunctionalInterface
public interface TokenSource {

    /** The token for the next request; called once per request, so a source may refresh it. */
    String token();
}
