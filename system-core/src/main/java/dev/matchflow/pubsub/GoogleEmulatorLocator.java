package dev.matchflow.pubsub;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the launcher of Google's Pub/Sub emulator, {@value #LAUNCHER} under a Cloud SDK root. Roots are tried in
 * this order: {@code $CLOUDSDK_ROOT_DIR}, the root that the {@code gcloud} on the {@code PATH} reports, then
 * {@value #USUAL_SDK_ROOT}.
 */
public final class GoogleEmulatorLocator {

    /** The launcher script's path inside a Cloud SDK root. */
    public static final String LAUNCHER = "platform/pubsub-emulator/bin/cloud-pubsub-emulator";

    /** Where Debian's and Ubuntu's packages install the Cloud SDK. */
    public static final String USUAL_SDK_ROOT = "/usr/lib/google-cloud-sdk";

    private static final Logger log = LoggerFactory.getLogger(GoogleEmulatorLocator.class);
    private static final long GCLOUD_INFO_TIMEOUT_SECONDS = 30;

    private GoogleEmulatorLocator() {}

    /**
     * What a search for the emulator found: its launcher, or the reason there is none (the places searched and
     * how to install it).
     */
    public record Lookup(Optional<Path> launcher, String reason) {

        /** Whether the emulator is installed. */
        public boolean isInstalled() {
            return launcher.isPresent();
        }

        /**
         * Starts the emulator found.
         *
         * @throws IllegalStateException with {@link #reason()} when it is not installed
         */
        public GoogleEmulator start() {
            return GoogleEmulator.start(launcher.orElseThrow(() -> new IllegalStateException(reason)));
        }
    }

    static Lookup find(Map<String, String> env) {
        return find(env, Path.of(USUAL_SDK_ROOT));
    }

    static Lookup find(Map<String, String> env, Path usualSdkRoot) {
        Set<Path> roots = sdkRoots(env, usualSdkRoot);
        Optional<Path> launcher = roots.stream()
                .map(root -> root.resolve(LAUNCHER))
                .filter(Files::isExecutable)
                .findFirst();
        launcher.ifPresent(found -> log.debug("Google's Pub/Sub emulator found at {}", found));
        String reason = launcher.map(found -> "Google's Pub/Sub emulator is installed at " + found)
                .orElseGet(() -> notInstalled(roots));
        return new Lookup(launcher, reason);
    }

    private static Set<Path> sdkRoots(Map<String, String> env, Path usualSdkRoot) {
        Set<Path> roots = new LinkedHashSet<>();
        Optional.ofNullable(env.get("CLOUDSDK_ROOT_DIR"))
                .filter(dir -> !dir.isBlank())
                .map(Path::of)
                .ifPresent(roots::add);
        gcloudOnPath(env).flatMap(GoogleEmulatorLocator::reportedSdkRoot).ifPresent(roots::add);
        roots.add(usualSdkRoot);
        return roots;
    }

    private static Optional<Path> gcloudOnPath(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "gcloud"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Optional<Path> reportedSdkRoot(Path gcloud) {
        try {
            Process info = new ProcessBuilder(gcloud.toString(), "info", "--format=value(installation.sdk_root)")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!info.waitFor(GCLOUD_INFO_TIMEOUT_SECONDS, TimeUnit.SECONDS) || info.exitValue() != 0) {
                info.destroyForcibly();
                log.debug("{} info did not report an SDK root", gcloud);
                return Optional.empty();
            }
            String root = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return root.isEmpty() ? Optional.empty() : Optional.of(Path.of(root));
        } catch (IOException e) {
            log.debug("Could not run {} info: {}", gcloud, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String notInstalled(Set<Path> roots) {
        List<String> searched = new ArrayList<>();
        roots.forEach(root -> searched.add(root.resolve(LAUNCHER).toString()));
        return "Google's Pub/Sub emulator is not installed: none of " + String.join(", ", searched)
                + " is an executable file. Install it with 'gcloud components install pubsub-emulator'"
                + " (or the google-cloud-cli-pubsub-emulator package), or set CLOUDSDK_ROOT_DIR to the Cloud SDK"
                + " that has it.";
    }
}
