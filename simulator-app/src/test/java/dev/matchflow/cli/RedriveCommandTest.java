package dev.matchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.matches.Match;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.StackClient;
import dev.matchflow.stack.StackSettings;
import dev.matchflow.stack.StackSnapshot;
import dev.matchflow.stack.SystemStack;
import dev.matchflow.testing.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./matchflow redrive} against a running stack found through its endpoints file. The stack runs in the test's
 * JVM so that the test can switch Matches off and on; the command reaches it only through the file and HTTP.
 */
class RedriveCommandTest {

    private static final Duration QUIET_WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @Test
    void theDeadLetterOfALeaveIsRedrivenOnceMatchesIsBackAndItsMatchIsCleanedUp() throws Exception {
        try (SystemStack stack = SystemStack.start(StackSettings.defaults().withTimeScale(100))) {
            Path endpointsFile = Files.writeString(
                    folder.resolve("endpoints.json"), stack.endpoints().toJson(), StandardCharsets.UTF_8);
            Match waiting = givenAWaitingMatchWhoseLeaveIsDeadLettered(stack);
            String deadLetter =
                    stack.snapshot().messages().deadLettered().iterator().next();
            stack.faults().off("matches down");
            Launcher launcher = Launcher.withoutEnvironment();

            int exitCode = launcher.run("redrive", "--endpoints-file", endpointsFile.toString());
            stack.awaitQuiescence(QUIET_WITHIN);

            assertThat(exitCode).isZero();
            assertThat(launcher.out()).startsWith("redriven 1 dead letters").contains("published again as message ");
            StackSnapshot after = stack.snapshot();
            assertThat(after.matches()).extracting(Match::id).doesNotContain(waiting.id());
            assertThat(after.pubsub().orElseThrow().deadLetters().backlog()).isZero();
            assertThat(after.messages().deadLettered()).containsExactly(deadLetter);
        }
    }

    @Test
    void withNothingDeadLetteredItSaysSo() throws Exception {
        try (SystemStack stack = SystemStack.start(StackSettings.defaults())) {
            Path endpointsFile = Files.writeString(
                    folder.resolve("endpoints.json"), stack.endpoints().toJson(), StandardCharsets.UTF_8);
            Launcher launcher = Launcher.withoutEnvironment();

            int exitCode = launcher.run("redrive", "--endpoints-file", endpointsFile.toString());

            assertThat(exitCode).isZero();
            assertThat(launcher.out()).isEqualTo("redriven 0 dead letters" + System.lineSeparator());
        }
    }

    @Test
    void aStackThatStoppedIsNamedWithWhatToDo() throws Exception {
        Path endpointsFile = Files.writeString(
                folder.resolve("stale.json"), """
                {"user_match": "http://127.0.0.1:%1$d", "pools": "http://127.0.0.1:%1$d",
                 "matches": "http://127.0.0.1:%1$d", "function": "http://127.0.0.1:%1$d/",
                 "pubsub": "127.0.0.1:%1$d", "project": "p", "topic": "t", "stack": "http://127.0.0.1:%1$d"}
                """.formatted(FreePorts.unused()), StandardCharsets.UTF_8);
        Launcher launcher = Launcher.withoutEnvironment();

        int exitCode = launcher.run("redrive", "--endpoints-file", endpointsFile.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(launcher.err())
                .startsWith("redrive: no stack answers at the address in " + endpointsFile)
                .contains("start ./matchflow stack --endpoints-file " + endpointsFile + " again");
    }

    /** A pool with a waiting match; Matches goes down, and the leave of one of the two ends as a dead letter. */
    private static Match givenAWaitingMatchWhoseLeaveIsDeadLettered(SystemStack stack) throws Exception {
        StackClient client = StackClient.of(stack);
        UUID leaver = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Pool pool = client.createPool("redrive", null);
        client.join(leaver, pool.id());
        client.join(other, pool.id());
        Match waiting = client.createMatch(pool.id(), leaver, other);
        stack.faults().on("matches down");
        client.leave(leaver);
        stack.awaitQuiescence(QUIET_WITHIN);
        return waiting;
    }
}
