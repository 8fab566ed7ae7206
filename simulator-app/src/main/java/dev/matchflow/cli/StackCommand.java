package dev.matchflow.cli;

import dev.matchflow.stack.StackEndpoints;
import dev.matchflow.stack.StackSettings;
import dev.matchflow.stack.SystemStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
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
            Optional<Path> written = writeEndpoints(stack.endpoints());
            try {
                signals.await();
            } finally {
                written.ifPresent(StackCommand::removeEndpoints);
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

    /** Writes to a file beside the target and moves it into place, so a reader never sees half a document. */
    private Optional<Path> writeEndpoints(StackEndpoints endpoints) {
        if (endpointsFile == null) {
            return Optional.empty();
        }
        Path target = endpointsFile.toAbsolutePath();
        try {
            Path partial = Files.createTempFile(target.getParent(), ".endpoints", ".json");
            Files.writeString(partial, endpoints.toJson(), StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("stack endpoints written to {}", target);
            return Optional.of(target);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not write the endpoints to " + target + " (" + e + "); check the folder exists and is"
                            + " writable",
                    e);
        }
    }

    private static void removeEndpoints(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not remove the endpoints file {}: {}; remove it by hand", file, e.toString());
        }
    }
}
