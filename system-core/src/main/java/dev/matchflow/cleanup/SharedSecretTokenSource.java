package dev.matchflow.cleanup;

import java.util.Objects;

/** The same secret for every request, as Matches is configured with locally ({@code INTERNAL_TOKEN}). */
public final class SharedSecretTokenSource implements TokenSource {

    private final String secret;

    /** @throws IllegalArgumentException when the secret is blank */
    public SharedSecretTokenSource(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException(
                    "the internal token is empty; set INTERNAL_TOKEN to the secret Matches was started with");
        }
        this.secret = secret;
    }

    @Override
    public String token() {
        return secret;
    }

    /** Names the kind of source and never the secret, so settings can be logged. */
    @Override
    public String toString() {
        return "SharedSecretTokenSource[secret=***]";
    }
}
