package dev.matchflow.cli;

import dev.matchflow.stack.StackEndpoints;
import dev.matchflow.stack.StackSettings;
import dev.matchflow.stack.SystemStack;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./matchflow stack}: the whole system, headless, until interrupted. */
@Command(
        name = "stack",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the whole system headless: database, Pub/Sub with its topic and subscriptions, Pools, Matches,"
                    + " User-Match, the cleanup function and the trigger, all on 127.0.0.1.",
            "Prints where each part listens and runs until Ctrl-C or SIGTERM."
        })
final class StackCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(StackCommand.class);

    @Spec
    private CommandSpec spec;

    @Mixin
    private StackOptions stackOptions;

    @Option(
            names = "--endpoints-file",
            paramLabel = "FILE",
            description = "Also write the endpoints as JSON to FILE (keys user_match, pools, matches, function,"
                    + " pubsub, project, topic, stack); removed again when the stack stops.")
    private Path endpointsFile;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "Also write the bearer token of Matches' internal endpoints (random for every run) to FILE,"
                    + " readable by its owner only, for ./matchflow reconcile; removed again when the stack stops.")
    private Path tokenFile;

    @Override
    public Integer call() {
        StackSettings settings = settings();
        try (UntilStopped signals = UntilStopped.forCurrentThread()) {
            runUntilStopped(settings, signals);
            return 0;
        } catch (IllegalStateException | UncheckedIOException e) {
            log.debug("the stack stopped on an error", e);
            spec.commandLine().getErr().println("stack: " + e.getMessage());
            return 1;
        }
    }

    private void runUntilStopped(StackSettings settings, UntilStopped signals) {
        try (SystemStack stack = SystemStack.start(settings)) {
            announce(stack.endpoints());
            try (RunFiles files = new RunFiles()) {
                files.write(endpointsFile, stack.endpoints().toJson(), "endpoints");
                files.write(tokenFile, stack.internalToken(), "internal token");
                signals.await();
            } finally {
                log.info("stopping the stack");
            }
        }
    }

    private StackSettings settings() {
        try {
            return stackOptions.settings(System.getenv());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private void announce(StackEndpoints endpoints) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Matchflow stack is running; Ctrl-C stops it.");
        out.println("  User-Match  " + endpoints.userMatch());
        out.println("  Pools       " + endpoints.pools());
        out.println("  Matches     " + endpoints.matches());
        out.println("  function    " + endpoints.function());
        out.println("  Pub/Sub     " + endpoints.pubsub() + "  (project " + endpoints.project() + ", topic "
                + endpoints.topic() + ")");
        out.println("  metrics     " + endpoints.stack().resolve("/metrics"));
        out.flush();
    }
}
