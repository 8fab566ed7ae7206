package dev.matchflow.cli;

import dev.matchflow.http.ServiceCallException;
import dev.matchflow.matches.ReconcileOutcome;
import dev.matchflow.stack.StackClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./matchflow reconcile}: runs Matches' reconciliation sweep on a running stack. */
@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the reconciliation sweep of a running ./matchflow stack: Matches asks Pools for the current"
                    + " members and removes the non-accepted matches of users who are no longer members of the"
                    + " match's pool (as after User-Match died between a Pools commit and its outbox write); accepted"
                    + " matches stay.",
            "The sweep needs the stack's internal token: --token-file, else " + ReconcileCommand.TOKEN_VARIABLE + ".",
            "Exit status: 0 done, 1 no stack answered or the sweep failed, 2 wrong usage or no token,"
                    + " 3 Matches refused the token."
        })
final class ReconcileCommand implements Callable<Integer> {

    static final String TOKEN_VARIABLE = "MATCHES_INTERNAL_TOKEN";
    static final int TOKEN_REFUSED = 3;

    private static final Logger log = LoggerFactory.getLogger(ReconcileCommand.class);

    private final Map<String, String> environment;

    @Spec
    private CommandSpec spec;

    @Mixin
    private EndpointsFileOption running;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "The file a running ./matchflow stack --token-file FILE wrote (default: the token in "
                    + TOKEN_VARIABLE + ").")
    private Path tokenFile;

    ReconcileCommand() {
        this(System.getenv());
    }

    ReconcileCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        String token = token();
        try {
            ReconcileOutcome outcome =
                    StackClient.of(running.endpoints(), token).reconcile();
            print(outcome);
            return 0;
        } catch (EndpointsFileOption.NotFound e) {
            return failed(1, e.getMessage());
        } catch (ServiceCallException e) {
            log.debug("the reconciliation failed", e);
            if (e.hasStatus(401) || e.hasStatus(403)) {
                return failed(TOKEN_REFUSED, refused(e));
            }
            return failed(1, running.explain(e));
        }
    }

    private String token() {
        if (tokenFile != null) {
            return readToken();
        }
        String fromEnvironment = environment.getOrDefault(TOKEN_VARIABLE, "").trim();
        if (fromEnvironment.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "reconcile needs the stack's internal token: pass --token-file FILE (written by ./matchflow"
                            + " stack --token-file FILE) or set " + TOKEN_VARIABLE);
        }
        return fromEnvironment;
    }

    private String readToken() {
        try {
            return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "cannot read the token file " + tokenFile.toAbsolutePath() + " (" + e
                            + "); pass the file ./matchflow stack --token-file wrote, while that stack runs",
                    e);
        }
    }

    private String refused(ServiceCallException e) {
        String source = tokenFile != null ? "the token in " + tokenFile : "the token in " + TOKEN_VARIABLE;
        return "Matches refused " + source + " (" + e.status() + " "
                + e.remoteCode().orElse("refused")
                + "): the token is random for every run of ./matchflow stack; pass the --token-file of the stack"
                + " that wrote this endpoints file, or set " + TOKEN_VARIABLE + " to its content";
    }

    private void print(ReconcileOutcome outcome) {
        spec.commandLine()
                .getOut()
                .printf(
                        "reconciled: %d matches removed with %d decisions; %d accepted matches kept; %d pools"
                                + " checked%n",
                        outcome.matchesDeleted(),
                        outcome.decisionsDeleted(),
                        outcome.acceptedKept(),
                        outcome.poolsChecked());
        spec.commandLine().getOut().flush();
    }

    private int failed(int exitCode, String message) {
        spec.commandLine().getErr().println("reconcile: " + message);
        return exitCode;
    }
}
