package dev.matchflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./matchflow} launcher: one entry point whose subcommands start the parts of Matchflow. */
@Command(
        name = "matchflow",
        mixinStandardHelpOptions = true,
        description = "Local simulator and test harness for the event-driven match cleanup system.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ConsoleCommand.class,
            StackCommand.class,
            RunCommand.class,
            RedriveCommand.class,
            ReconcileCommand.class,
            PubSubCommand.class,
            BenchCommand.class
        })
public final class MatchflowCommand {

    public static void main(String[] args) {
        int exitCode = new CommandLine(new MatchflowCommand()).execute(args);
        UntilStopped.exit(exitCode);
    }
}
