package dev.matchflow.pubsub;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where Pub/Sub messages go. Every backend but {@link #GCP} is reached as an emulator endpoint ({@code host:port},
 * plaintext, no credentials); {@link #GCP} is real Pub/Sub with Application Default Credentials.
 */
public enum PubSubBackend {
    /** The in-process server of the {@code google.pubsub.v1} API; needs nothing installed. */
    EMBEDDED("embedded"),
    /** Google's emulator from an installed Cloud SDK, run as a child process. */
    GOOGLE_EMULATOR("google-emulator"),
    /** Google's emulator image run through Testcontainers. */
    CONTAINER("container"),
    /** Whatever emulator {@code PUBSUB_EMULATOR_HOST} points at. */
    EXTERNAL("external"),
    /** Real Pub/Sub in a Google Cloud project. */
    GCP("gcp");

    private final String id;

    PubSubBackend(String id) {
        this.id = id;
    }

    /** The name used on command lines and in settings, for example {@code google-emulator}. */
    public String id() {
        return id;
    }

    /** Whether clients reach this backend as an emulator endpoint rather than through Google Cloud. */
    public boolean isEmulated() {
        return this != GCP;
    }

    /**
     * Parses a backend from its name, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the valid backends when {@code value} is none of them
     */
    public static PubSubBackend parse(String value) {
        String wanted = value == null ? "" : value.trim();
        return Arrays.stream(values())
                .filter(backend -> backend.id.equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown Pub/Sub backend '" + value + "': use one of " + validNames() + "."));
    }

    /** The valid backend names, comma separated, in declaration order. */
    public static String validNames() {
        return Arrays.stream(values()).map(PubSubBackend::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
