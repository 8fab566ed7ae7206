package dev.matchflow.cli;

import static dev.matchflow.cli.Launcher.accepts;
import static dev.matchflow.cli.Launcher.awaitEndpoints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.matchflow.matches.Match;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.StackClient;
import dev.matchflow.stack.StackEndpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackCommandTest {

    @TempDir
    Path folder;

    @Test
    void theStackItStartsCleansUpAfterALeaveAndStopsWhenInterrupted() throws Exception {
        Path endpointsFile = folder.resolve("endpoints.json");
        Path tokenFile = folder.resolve("token");
        Launcher.StackOnAThread command =
                Launcher.startStack("--endpoints-file", endpointsFile.toString(), "--token-file", tokenFile.toString());

        StackEndpoints endpoints = awaitEndpoints(endpointsFile);
        StackClient client = StackClient.of(endpoints, Files.readString(tokenFile, StandardCharsets.UTF_8));
        Match ofTheLeaver = givenALeaveWithAWaitingMatch(client);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(client.match(ofTheLeaver.id()))
                        .as("the waiting match of the user who left is cleaned up")
                        .isEmpty());
        assertThat(Files.getPosixFilePermissions(tokenFile))
                .as("only its owner may read the token")
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(client.reconcile().matchesDeleted())
                .as("the token in the file opens Matches' internal endpoints")
                .isZero();
        int exitCode = command.stop();

        assertThat(exitCode).isZero();
        assertThat(endpointsFile)
                .as("the endpoints file is removed when the stack stops")
                .doesNotExist();
        assertThat(tokenFile)
                .as("the token file is removed when the stack stops")
                .doesNotExist();
        assertThat(accepts(endpoints.userMatch().getPort()))
                .as("User-Match is stopped")
                .isFalse();
    }

    @Test
    void anUnknownBackendIsAUsageErrorNamingTheValidOnes() {
        Launcher launcher = Launcher.withoutEnvironment();

        int exitCode = launcher.run("stack", "--pubsub", "kafka");

        assertThat(exitCode).isEqualTo(2);
        assertThat(launcher.err()).contains("Unknown Pub/Sub backend 'kafka'").contains("embedded, google-emulator");
    }

    @Test
    void sigtermStopsTheStackAndRemovesItsEndpointsFile() throws Exception {
        Path endpointsFile = folder.resolve("signalled.json");
        Process process = Launcher.startProcess(
                folder.resolve("stack.log"), "stack", "--endpoints-file", endpointsFile.toString());
        try {
            StackEndpoints endpoints = awaitEndpoints(endpointsFile);

            process.destroy();

            assertThat(process.waitFor(UntilStopped.STOP_LIMIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the stack stops after SIGTERM")
                    .isTrue();
            assertThat(process.exitValue())
                    .as("a stack stopped cleanly by a signal exits with 0")
                    .isZero();
            assertThat(endpointsFile).doesNotExist();
            assertThat(accepts(endpoints.pools().getPort())).isFalse();
            assertThat(Files.readString(folder.resolve("stack.log"), StandardCharsets.UTF_8))
                    .contains("Matchflow stack is running")
                    .contains("stopping the stack");
        } finally {
            process.destroyForcibly();
        }
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
}
