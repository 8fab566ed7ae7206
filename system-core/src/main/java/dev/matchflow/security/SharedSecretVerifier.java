package dev.matchflow.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/** Accepts exactly one shared secret, compared in constant time. */
public final class SharedSecretVerifier implements InternalTokenVerifier {

    private static final int RANDOM_SECRET_BYTES = 32;

    private final byte[] secretDigest;

    /**
     * @throws IllegalArgumentException when the secret is empty
     */
    public SharedSecretVerifier(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException(
                    "the internal token is empty; set INTERNAL_TOKEN to a long random string");
        }
        this.secretDigest = digest(secret);
    }

    /** A fresh random secret (64 hex characters), for a simulator run. */
    public static String randomSecret() {
        byte[] bytes = new byte[RANDOM_SECRET_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean accepts(String token) {
        // Comparing digests of equal length keeps the time independent of both content and length.
        return token != null && MessageDigest.isEqual(secretDigest, digest(token));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }
}
