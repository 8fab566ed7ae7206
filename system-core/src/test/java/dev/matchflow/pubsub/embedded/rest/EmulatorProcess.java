package dev.matchflow.pubsub.embedded.rest;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.matchflow.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Google's Pub/Sub emulator as a child process on a free loopback port, for tests that compare with it or use it as
 * the gRPC server behind the REST gateway. Tests that need it are skipped where it is not installed.
 */
final class EmulatorProcess implements AutoCloseable {

    static final Path LAUNCHER =
            Path.of("/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;

    private EmulatorProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static EmulatorProcess start() {
        assumeThat(Files.isExecutable(LAUNCHER))
                .as("Google's Pub/Sub emulator is not installed at %s (gcloud component pubsub-emulator)", LAUNCHER)
                .isTrue();
        int port = FreePorts.unused();
        EmulatorProcess emulator = new EmulatorProcess(launch(port), port);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(emulator::answers);
        return emulator;
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    String endpoint() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.waitFor();
    }

    private static Process launch(int port) {
        try {
            return new ProcessBuilder(LAUNCHER.toString(), "--host=127.0.0.1", "--port=" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + LAUNCHER, e);
        }
    }

    private boolean answers() throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("Google's Pub/Sub emulator exited with " + process.exitValue());
        }
        try {
            HttpRequest root = HttpRequest.newBuilder(URI.create("http://" + endpoint() + "/"))
                    .build();
            return HTTP.send(root, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }
}
