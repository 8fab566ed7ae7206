package dev.matchflow.cli;

import dev.matchflow.bench.BackendChoice;
import dev.matchflow.bench.BackendResult;
import dev.matchflow.bench.PubSubBenchmark;
import dev.matchflow.pubsub.GoogleEmulator;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./matchflow bench ...}: benchmarks that print their figures as a table. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures.",
        subcommands = {BenchCommand.PubSub.class, BenchChurnCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a benchmark: bench pubsub or bench churn");
    }

    private static final Logger log = LoggerFactory.getLogger(BenchCommand.class);

    /** {@code ./matchflow bench pubsub}: the Pub/Sub backends side by side. */
    @Command(
            name = "pubsub",
            mixinStandardHelpOptions = true,
            description = "Publishes and receives the same messages on each Pub/Sub backend over a loopback port,"
                    + " flat out and then at a steady rate, and prints throughput and latency side by side.")
    static final class PubSub implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(
                names = "--messages",
                defaultValue = "20000",
                description = "Messages per phase (default: ${DEFAULT-VALUE}).")
        private int messages;

        @Option(
                names = "--rate",
                defaultValue = "1000",
                description = "Messages per second in the paced phase (default: ${DEFAULT-VALUE}).")
        private int rate;

        @Option(
                names = "--backend",
                defaultValue = "both",
                description = "embedded, google-emulator or both (default: both where Google's emulator is installed).")
        private String backend;

        @Override
        public Integer call() {
            BackendChoice choice = choose();
            PubSubBenchmark.Settings settings = settings(choice);
            if (!choice.note().isEmpty()) {
                spec.commandLine().getOut().println(choice.note());
            }
            try {
                List<BackendResult> results = new PubSubBenchmark(settings, System.err).run();
                spec.commandLine().getOut().print(PubSubBenchmark.table(settings, results));
                spec.commandLine().getOut().flush();
                return 0;
            } catch (RuntimeException e) {
                log.debug("The Pub/Sub benchmark failed", e);
                spec.commandLine().getErr().println("bench: the Pub/Sub benchmark failed: " + e.getMessage());
                return 1;
            }
        }

        private BackendChoice choose() {
            try {
                return BackendChoice.choose(backend, GoogleEmulator.find());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }

        private PubSubBenchmark.Settings settings(BackendChoice choice) {
            try {
                return new PubSubBenchmark.Settings(messages, rate, choice.backends());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
    }
}
