package dev.matchflow.pubsub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google's Pub/Sub emulator from an installed Cloud SDK, run as a child process on a free 127.0.0.1 port.
 *
 * <p>{@link #find()} looks for the emulator and says why when it is not there; {@link Installation#start()} starts
 * it and returns once it answers. {@link #close()} stops the whole process tree (the launcher script starts a
 * {@code java} child), and so does JVM exit for an emulator nobody closed.
 */
public final class GoogleEmulator implements EmulatorProvider.RunningEmulator {

    private static final Logger log = LoggerFactory.getLogger(GoogleEmulator.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    private static final int OUTPUT_LINES_KEPT = 40;

    private final Process process;
    private final int port;
    private final Deque<String> recentOutput;
    private final Thread stopOnExit;

    private GoogleEmulator(Process process, int port, Deque<String> recentOutput) {
        this.process = process;
        this.port = port;
        this.recentOutput = recentOutput;
        this.stopOnExit = new Thread(this::stopProcessTree, "google-pubsub-emulator-stop-" + port);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Looks for Google's emulator as {@link GoogleEmulatorLocator} describes, in this process's environment. */
    public static GoogleEmulatorLocator.Lookup find() {
        return GoogleEmulatorLocator.find(System.getenv());
    }

    /** Looks for Google's emulator with the given environment ({@code PATH}, {@code CLOUDSDK_ROOT_DIR}). */
    public static GoogleEmulatorLocator.Lookup find(Map<String, String> env) {
        return GoogleEmulatorLocator.find(env);
    }

    /**
     * Starts the emulator whose launcher script is {@code launcher} on a free 127.0.0.1 port and waits until it
     * answers HTTP on that port.
     *
     * @throws IllegalStateException when it exits or does not answer within a minute, with its last output
     */
    public static GoogleEmulator start(Path launcher) {
        IllegalStateException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(launcher, freeLoopbackPort());
            } catch (PortTakenException e) {
                lastFailure = e;
                log.debug("Google's Pub/Sub emulator lost its port to another process, retrying: {}", e.getMessage());
            }
        }
        throw lastFailure;
    }

    /** Where clients reach it: {@code 127.0.0.1:PORT}. */
    @Override
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Stops the emulator and every process it started; waits until they are gone. */
    @Override
    public void close() {
        stopProcessTree();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyExiting) {
            log.debug("JVM is exiting; the emulator on port {} was stopped by close()", port);
        }
    }

    private static GoogleEmulator startOnce(Path launcher, int port) {
        Process process = launch(launcher, port);
        Deque<String> recentOutput = new ArrayDeque<>();
        followOutput(process, port, recentOutput);
        GoogleEmulator emulator = new GoogleEmulator(process, port, recentOutput);
        try {
            emulator.awaitAnswer();
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        log.info("Google's Pub/Sub emulator started on {} (pid {})", emulator.endpoint(), process.pid());
        return emulator;
    }

    private static Process launch(Path launcher, int port) {
        List<String> command = List.of(launcher.toString(), "--host=127.0.0.1", "--port=" + port);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not run " + launcher + ": " + e.getMessage()
                            + ". Check that the file is executable and that java is on the PATH.",
                    e);
        }
    }

    private static void followOutput(Process process, int port, Deque<String> recentOutput) {
        Thread follower = new Thread(() -> copyToLog(process, port, recentOutput), "google-pubsub-emulator-" + port);
        follower.setDaemon(true);
        follower.start();
    }

    private static void copyToLog(Process process, int port, Deque<String> recentOutput) {
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                log.debug("[emulator {}] {}", port, line);
                remember(recentOutput, line);
            }
        } catch (IOException e) {
            log.debug("[emulator {}] output closed: {}", port, e.getMessage());
        }
    }

    private static void remember(Deque<String> recentOutput, String line) {
        synchronized (recentOutput) {
            if (recentOutput.size() == OUTPUT_LINES_KEPT) {
                recentOutput.removeFirst();
            }
            recentOutput.addLast(line);
        }
    }

    private void awaitAnswer() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://" + endpoint() + "/"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!answers(http, probe)) {
            failIfExited();
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Google's Pub/Sub emulator did not answer on " + endpoint() + " within "
                        + START_TIMEOUT.toSeconds() + " s. Its last output:\n" + recentOutput());
            }
            pause();
        }
    }

    private static boolean answers(HttpClient http, HttpRequest probe) {
        try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Google's Pub/Sub emulator", e);
        }
    }

    private void failIfExited() {
        if (process.isAlive()) {
            return;
        }
        String output = recentOutput();
        String message = "Google's Pub/Sub emulator exited with code " + process.exitValue() + " before answering on "
                + endpoint() + ". Its last output:\n" + output;
        if (output.contains("Address already in use") || output.contains("BindException")) {
            throw new PortTakenException(message);
        }
        throw new IllegalStateException(message);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Google's Pub/Sub emulator", e);
        }
    }

    private String recentOutput() {
        synchronized (recentOutput) {
            return String.join("\n", recentOutput);
        }
    }

    private void stopProcessTree() {
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        tree.forEach(GoogleEmulator::awaitExit);
        awaitExit(process.toHandle());
    }

    private static void awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn(
                    "Process {} of Google's Pub/Sub emulator did not stop within {}; killing it",
                    handle.pid(),
                    STOP_WAIT);
            handle.destroyForcibly();
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** The emulator could not bind the port it was given, most likely taken since it was found free. */
    private static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }
}
