package dev.matchflow.cli;

import dev.matchflow.console.ConsoleLauncher;
import dev.matchflow.console.ConsoleOptions;
import dev.matchflow.console.Theme;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./matchflow console}: the JavaFX console on a stack of its own. */
@Command(
        name = "console",
        mixinStandardHelpOptions = true,
        description = "Starts the JavaFX console on a stack of its own: by default embedded Pub/Sub and an"
                + " in-memory H2 database, every endpoint on 127.0.0.1.")
final class ConsoleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private StackOptions stackOptions;

    @Option(
            names = "--theme",
            defaultValue = "light",
            description = "light or dark (default: ${DEFAULT-VALUE}); Ctrl+T switches while it runs.")
    private String theme;

    @Override
    public Integer call() {
        ConsoleOptions options;
        try {
            options = new ConsoleOptions(stackOptions.settings(System.getenv()), Theme.parse(theme));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return ConsoleLauncher.launch(options, spec.commandLine().getErr());
    }
}
