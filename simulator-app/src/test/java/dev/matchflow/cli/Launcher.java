package dev.matchflow.cli;

import static org.awaitility.Awaitility.await;

import dev.matchflow.stack.StackEndpoints;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The {@code ./matchflow} launcher as a shell runs it, inside the test's JVM: a command's output and exit status, and
 * {@code ./matchflow stack} run on a thread of its own until the test stops it; or as a process of its own, for
 * what only a real process shows (signals, exit status, ports freed).
 */
final class Launcher {

    static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> environment;

    private Launcher(Map<String, String> environment) {
        this.environment = environment;
    }

    /** A launcher whose commands see only {@code environment} where they read variables of their own. */
    static Launcher withEnvironment(Map<String, String> environment) {
        return new Launcher(environment);
    }

    static Launcher withoutEnvironment() {
        return new Launcher(Map.of());
    }

    /** Runs a command to its end and answers its exit status; its output is in {@link #out()} and {@link #err()}. */
    int run(String... arguments) {
        CommandLine matchflow = matchflow();
        matchflow.setOut(new PrintWriter(out, true));
        matchflow.setErr(new PrintWriter(err, true));
        return matchflow.execute(arguments);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** The launcher's command line, its commands built as the real launcher builds them but for the environment. */
    CommandLine matchflow() {
        return new CommandLine(new MatchflowCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == ReconcileCommand.class) {
                    return type.cast(new ReconcileCommand(environment));
                }
                return CommandLine.defaultFactory().create(type);
            }
        });
    }

    /** Starts {@code ./matchflow stack} with {@code arguments} on a thread of its own, until {@link StackOnAThread#stop()}. */
    static StackOnAThread startStack(String... arguments) {
        AtomicInteger exitCode = new AtomicInteger(-1);
        String[] command = new String[arguments.length + 1];
        command[0] = "stack";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Thread thread =
                new Thread(() -> exitCode.set(withoutEnvironment().matchflow().execute(command)), "stack");
        thread.start();
        return new StackOnAThread(thread, exitCode);
    }

    /**
     * Starts the launcher's main class with {@code arguments} in a JVM of its own, on the test's class path, its
     * standard output and error both written to {@code output}.
     */
    static Process startProcess(Path output, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                MatchflowCommand.class.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    /** Waits until a process started by {@link #startProcess} has written a line containing {@code text}. */
    static String awaitLine(Path output, String text) {
        return await().atMost(START_LIMIT)
                .until(() -> lineContaining(output, text), Optional::isPresent)
                .orElseThrow();
    }

    private static Optional<String> lineContaining(Path output, String text) throws IOException {
        try (Stream<String> lines = Files.lines(output, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(text)).findFirst();
        }
    }

    /** Waits until a starting stack has written its endpoints file, and reads it. */
    static StackEndpoints awaitEndpoints(Path endpointsFile) throws IOException {
        await().atMost(START_LIMIT).until(() -> Files.exists(endpointsFile));
        return StackEndpoints.fromJson(Files.readString(endpointsFile, StandardCharsets.UTF_8));
    }

    /** Whether something listens on the loopback port. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** {@code ./matchflow stack} running on a thread of the test. */
    record StackOnAThread(Thread thread, AtomicInteger exitCode) {

        /** Interrupts it as Ctrl-C would, waits until it stopped, and answers its exit status. */
        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(UntilStopped.STOP_LIMIT.toMillis());
            return exitCode.get();
        }
    }
}
