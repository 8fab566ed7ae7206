package dev.matchflow.cli;

import dev.matchflow.pubsub.PubSubClients;
import dev.matchflow.pubsub.embedded.EmbeddedPubSubServer;
import java.net.BindException;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./matchflow pubsub}: the embedded Pub/Sub server alone, until interrupted. */
@Command(
        name = "pubsub",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the embedded Pub/Sub server alone, the google.pubsub.v1 API the stack uses, for clients of your"
                    + " own (Google's client libraries with PUBSUB_EMULATOR_HOST, Matchflow's services run one by"
                    + " one). It starts empty: clients create their topics and subscriptions.",
            "It serves any project id; --project only names the one the printed line tells clients to use.",
            "Prints one line saying where it listens and runs until Ctrl-C or SIGTERM.",
            "Exit status: 0 stopped by Ctrl-C or SIGTERM, 1 it could not listen (port in use), 2 wrong usage."
        })
final class PubSubCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(PubSubCommand.class);
    private static final int HIGHEST_PORT = 65_535;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    private String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8085",
            description =
                    "The port to listen on (default: ${DEFAULT-VALUE}, as Google's emulator; 0 picks a free" + " one).")
    private int port;

    @Option(
            names = "--project",
            paramLabel = "ID",
            defaultValue = PubSubClients.DEFAULT_EMULATOR_PROJECT,
            description = "The project id clients should use (default: ${DEFAULT-VALUE}, the stack's); the server"
                    + " accepts any.")
    private String project;

    @Option(
            names = "--time-scale",
            paramLabel = "FACTOR",
            defaultValue = "1",
            description = "How many times faster than real time the server runs retry backoffs and push retry"
                    + " delays (default: ${DEFAULT-VALUE}).")
    private double timeScale;

    @Override
    public Integer call() {
        EmbeddedPubSubServer server = configuredServer();
        try (UntilStopped signals = UntilStopped.forCurrentThread()) {
            runUntilStopped(server, signals);
            return 0;
        } catch (IllegalStateException e) {
            log.debug("the embedded Pub/Sub server did not start", e);
            spec.commandLine().getErr().println("pubsub: " + cannotListen(e));
            return 1;
        }
    }

    private EmbeddedPubSubServer configuredServer() {
        if (port < 0 || port > HIGHEST_PORT) {
            throw usageError("--port must be between 0 and " + HIGHEST_PORT + " (0 picks a free one), was " + port);
        }
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw usageError(
                    "--time-scale must be a positive number (1 is real time, 10 ten times faster), was " + timeScale);
        }
        if (project.isBlank()) {
            throw usageError("--project must not be blank; leave it out for " + PubSubClients.DEFAULT_EMULATOR_PROJECT);
        }
        return EmbeddedPubSubServer.builder()
                .host(host)
                .port(port)
                .timeScale(timeScale)
                .build();
    }

    private void runUntilStopped(EmbeddedPubSubServer server, UntilStopped signals) {
        try (EmbeddedPubSubServer running = server.start()) {
            announce(running.endpoint());
            signals.await();
        }
    }

    private void announce(String endpoint) {
        spec.commandLine()
                .getOut()
                .println("Pub/Sub API (embedded) listening on " + endpoint + " until Ctrl-C; for clients: export"
                        + " PUBSUB_EMULATOR_HOST=" + endpoint + " GCP_PROJECT_ID=" + project);
        spec.commandLine().getOut().flush();
    }

    private String cannotListen(IllegalStateException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return "cannot listen on " + host + ":" + port + " (" + cause.getMessage() + "): " + advice(cause);
            }
        }
        return e.getMessage();
    }

    private static String advice(Throwable bindFailure) {
        if (String.valueOf(bindFailure.getMessage()).contains("in use")) {
            return "the port is taken; stop what listens there, or pass another --port (--port 0 picks a free one)";
        }
        return "pass a --host that is an address of this machine, such as 127.0.0.1";
    }

    private CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
