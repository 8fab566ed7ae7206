package dev.matchflow.cli;

import static dev.matchflow.cli.Launcher.awaitEndpoints;
import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.http.JsonHttpClient;
import dev.matchflow.matches.Match;
import dev.matchflow.pools.Membership;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.StackClient;
import dev.matchflow.stack.StackEndpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./matchflow reconcile} against a {@code ./matchflow stack} that runs on its own, as from another shell. */
class ReconcileCommandTest {

    @TempDir
    static Path folder;

    private static Launcher.StackOnAThread stack;
    private static Path endpointsFile;
    private static Path tokenFile;
    private static StackEndpoints endpoints;

    @BeforeAll
    static void startAStack() throws Exception {
        endpointsFile = folder.resolve("endpoints.json");
        tokenFile = folder.resolve("token");
        stack = Launcher.startStack("--endpoints-file", endpointsFile.toString(), "--token-file", tokenFile.toString());
        endpoints = awaitEndpoints(endpointsFile);
    }

    @AfterAll
    static void stopTheStack() throws InterruptedException {
        stack.stop();
    }

    @Test
    void theSweepRemovesTheWaitingMatchOfAUserWhoLeftWithoutAnEventAndKeepsTheAcceptedOne() throws Exception {
        StackClient client = StackClient.of(endpoints, Files.readString(tokenFile, StandardCharsets.UTF_8));
        UUID leaver = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        Pool pool = client.createPool("reconcile", null);
        client.join(leaver, pool.id());
        client.join(other, pool.id());
        client.join(third, pool.id());
        Match waiting = client.createMatch(pool.id(), leaver, other);
        Match accepted = client.createMatch(pool.id(), leaver, third);
        client.decide(accepted.id(), leaver, "accept");
        client.decide(accepted.id(), third, "accept");
        leaveThroughPoolsOnly(leaver);
        Launcher launcher = Launcher.withoutEnvironment();

        int exitCode = launcher.run(
                "reconcile", "--endpoints-file", endpointsFile.toString(), "--token-file", tokenFile.toString());

        assertThat(exitCode).isZero();
        assertThat(launcher.out())
                .startsWith("reconciled: 1 matches removed with 0 decisions; 1 accepted matches kept");
        assertThat(client.match(waiting.id())).isEmpty();
        assertThat(client.match(accepted.id())).isPresent();
    }

    @Test
    void theTokenMayComeFromTheEnvironment() throws Exception {
        String token = Files.readString(tokenFile, StandardCharsets.UTF_8);
        Launcher launcher = Launcher.withEnvironment(Map.of(ReconcileCommand.TOKEN_VARIABLE, token));

        int exitCode = launcher.run("reconcile", "--endpoints-file", endpointsFile.toString());

        assertThat(exitCode).isZero();
        assertThat(launcher.out()).startsWith("reconciled: ");
    }

    @Test
    void aWrongTokenIsRefusedAndTheErrorSaysWhichTokenToPass() {
        Launcher launcher = Launcher.withEnvironment(Map.of(ReconcileCommand.TOKEN_VARIABLE, "not-the-token"));

        int exitCode = launcher.run("reconcile", "--endpoints-file", endpointsFile.toString());

        assertThat(exitCode).isEqualTo(ReconcileCommand.TOKEN_REFUSED);
        assertThat(launcher.err())
                .contains("Matches refused the token in MATCHES_INTERNAL_TOKEN (403 forbidden)")
                .contains("pass the --token-file of the stack that wrote this endpoints file");
    }

    @Test
    void withoutATokenItIsAUsageError() {
        Launcher launcher = Launcher.withoutEnvironment();

        int exitCode = launcher.run("reconcile", "--endpoints-file", endpointsFile.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(launcher.err()).contains("reconcile needs the stack's internal token: pass --token-file FILE");
    }

    @Test
    void withoutARunningStackItSaysHowToStartOne() {
        Launcher launcher = Launcher.withoutEnvironment();
        Path missing = folder.resolve("missing.json");

        int exitCode =
                launcher.run("reconcile", "--endpoints-file", missing.toString(), "--token-file", tokenFile.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(launcher.err())
                .contains("no stack endpoints file at " + missing)
                .contains("start one with ./matchflow stack --endpoints-file " + missing);
    }

    /** The Pools commit of a leave without User-Match, as when User-Match dies before its outbox write. */
    private static void leaveThroughPoolsOnly(UUID userId) {
        JsonHttpClient.create("pools", endpoints.pools().toString(), Duration.ofSeconds(10))
                .delete("/pools/members/" + userId, Membership.class);
    }
}
