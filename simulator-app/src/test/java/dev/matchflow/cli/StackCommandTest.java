package dev.matchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.matchflow.matches.Match;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.StackClient;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StackCommandTest {

    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @Test
    void theStackItStartsCleansUpAfterALeaveAndStopsWhenInterrupted() throws Exception {
        Path endpointsFile = folder.resolve("endpoints.json");
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread command = new Thread(
                () -> exitCode.set(matchflow().execute("stack", "--endpoints-file", endpointsFile.toString())));
        command.start();

        StackEndpoints endpoints = awaitEndpoints(endpointsFile);
        StackClient client = StackClient.of(endpoints, "no internal calls here");
        Match ofTheLeaver = givenALeaveWithAWaitingMatch(client);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(client.match(ofTheLeaver.id()))
                        .as("the waiting match of the user who left is cleaned up")
                        .isEmpty());
        command.interrupt();
        command.join(UntilStopped.STOP_LIMIT.toMillis());

        assertThat(exitCode).hasValue(0);
        assertThat(endpointsFile)
                .as("the endpoints file is removed when the stack stops")
                .doesNotExist();
        assertThat(accepts(endpoints.userMatch().getPort()))
                .as("User-Match is stopped")
                .isFalse();
    }

    @Test
    void anUnknownBackendIsAUsageErrorNamingTheValidOnes() {
        StringWriter err = new StringWriter();
        CommandLine matchflow = matchflow();
        matchflow.setErr(new PrintWriter(err));

        int exitCode = matchflow.execute("stack", "--pubsub", "kafka");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown Pub/Sub backend 'kafka'").contains("embedded, google-emulator");
    }

    @Test
    void sigtermStopsTheStackAndRemovesItsEndpointsFile() throws Exception {
        Path endpointsFile = folder.resolve("signalled.json");
        Process process = new ProcessBuilder(
                        javaBinary(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        MatchflowCommand.class.getName(),
                        "stack",
                        "--endpoints-file",
                        endpointsFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("stack.log").toFile())
                .start();
        try {
            StackEndpoints endpoints = awaitEndpoints(endpointsFile);

            process.destroy();

            assertThat(process.waitFor(UntilStopped.STOP_LIMIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the stack stops after SIGTERM")
                    .isTrue();
            assertThat(endpointsFile).doesNotExist();
            assertThat(accepts(endpoints.pools().getPort())).isFalse();
            assertThat(Files.readString(folder.resolve("stack.log"), StandardCharsets.UTF_8))
                    .contains("Matchflow stack is running")
                    .contains("stopping the stack");
        } finally {
            process.destroyForcibly();
        }
    }

    private static CommandLine matchflow() {
        return new CommandLine(new MatchflowCommand());
    }

    private static StackEndpoints awaitEndpoints(Path endpointsFile) throws IOException {
        await().atMost(START_LIMIT).until(() -> Files.exists(endpointsFile));
        return StackEndpoints.fromJson(Files.readString(endpointsFile, StandardCharsets.UTF_8));
    }

    /** Two members with a waiting match; the first leaves. Returns the match. */
    private static Match givenALeaveWithAWaitingMatch(StackClient client) {
        Pool pool = client.createPool("command", null);
        UUID leaver = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        client.join(leaver, pool.id());
        client.join(other, pool.id());
        Match match = client.createMatch(pool.id(), leaver, other);
        client.leave(leaver);
        return match;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
