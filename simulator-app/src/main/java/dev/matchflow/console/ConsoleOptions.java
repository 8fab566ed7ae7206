package dev.matchflow.console;

import dev.matchflow.stack.StackSettings;
import java.util.Objects;

/**
 * How the console starts.
 *
 * @param stack the settings of the stack it runs, and of every stack a reset starts
 * @param theme the theme it opens with
 */
public record ConsoleOptions(StackSettings stack, Theme theme) {

    public ConsoleOptions {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(theme, "theme");
    }

    /** The embedded defaults in the light theme. */
    public static ConsoleOptions defaults() {
        return new ConsoleOptions(StackSettings.defaults(), Theme.LIGHT);
    }
}
