package dev.matchflow.usermatch;

import dev.matchflow.testing.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google's Pub/Sub emulator from the installed Cloud SDK, run as a child process on a loopback port. It keeps
 * everything in memory: a restarted emulator has no topics.
 */
final class PubSubEmulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PubSubEmulator.class);
    private static final String SCRIPT = "platform/pubsub-emulator/bin/cloud-pubsub-emulator";
    private static final String READY = "Server started, listening on";
    private static final int START_SECONDS = 60;

    private final Process process;
    private final int port;

    private PubSubEmulator(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Why the emulator cannot run here, or empty when it is installed. */
    static Optional<String> missing() {
        Path script = script();
        return Files.isExecutable(script)
                ? Optional.empty()
                : Optional.of("Google's Pub/Sub emulator is not installed at " + script
                        + "; install the Cloud SDK component pubsub-emulator or set CLOUDSDK_ROOT_DIR");
    }

    /** Starts it on a free port and waits until it listens. */
    static PubSubEmulator start() {
        return start(FreePorts.unused());
    }

    static PubSubEmulator start(int port) {
        ProcessBuilder command =
                new ProcessBuilder(script().toString(), "--host=127.0.0.1", "--port=" + port).redirectErrorStream(true);
        try {
            Process process = command.start();
            PubSubEmulator emulator = new PubSubEmulator(process, port);
            emulator.awaitReady();
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + script() + ": " + e.getMessage(), e);
        }
    }

    /** Where clients reach it, {@code 127.0.0.1:PORT}. */
    String endpoint() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Stops the emulator and every process it started. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(ready), "pubsub-emulator-" + port + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("the Pub/Sub emulator on port " + port + " did not start: " + e, e);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Pub/Sub emulator started", e);
        }
    }

    private void readOutput(CompletableFuture<Void> ready) {
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                log.debug("pubsub-emulator {}: {}", port, line);
                if (line.contains(READY)) {
                    ready.complete(null);
                }
            }
            ready.completeExceptionally(new IllegalStateException("it exited with " + process.waitFor()));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready.completeExceptionally(e);
        }
    }

    private static Path script() {
        String root = System.getenv().getOrDefault("CLOUDSDK_ROOT_DIR", "/usr/lib/google-cloud-sdk");
        return Path.of(root).resolve(SCRIPT);
    }
}
