package dev.matchflow.bench;

import dev.matchflow.pubsub.GoogleEmulatorLocator;
import dev.matchflow.pubsub.PubSubBackend;
import java.util.List;

/**
 * Which backends a benchmark run compares, from {@code embedded}, {@code google-emulator} or {@code both}, and
 * what to tell the user when Google's emulator is missing.
 *
 * @param backends the backends to run, embedded first
 * @param note a line for the user when the choice was narrowed, empty otherwise
 */
public record BackendChoice(List<PubSubBackend> backends, String note) {

    /** The names {@link #choose} accepts. */
    public static final String NAMES = "embedded, google-emulator or both";

    /**
     * Resolves a {@code --backend} value against what is installed.
     *
     * @throws IllegalArgumentException for another name, or for {@code google-emulator} when it is not installed
     */
    public static BackendChoice choose(String name, GoogleEmulatorLocator.Lookup emulator) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "embedded" -> new BackendChoice(List.of(PubSubBackend.EMBEDDED), "");
            case "google-emulator" -> new BackendChoice(List.of(requireInstalled(emulator)), "");
            case "both" ->
                emulator.isInstalled()
                        ? new BackendChoice(List.of(PubSubBackend.EMBEDDED, PubSubBackend.GOOGLE_EMULATOR), "")
                        : new BackendChoice(
                                List.of(PubSubBackend.EMBEDDED), "Measuring embedded alone. " + emulator.reason());
            default ->
                throw new IllegalArgumentException("Unknown benchmark backend '" + name + "': use " + NAMES + ".");
        };
    }

    private static PubSubBackend requireInstalled(GoogleEmulatorLocator.Lookup emulator) {
        if (!emulator.isInstalled()) {
            throw new IllegalArgumentException(emulator.reason());
        }
        return PubSubBackend.GOOGLE_EMULATOR;
    }
}
