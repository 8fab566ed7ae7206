package dev.matchflow.console;

import dev.matchflow.stack.SystemStack;

/** Something a screen keeps running beside each stack the console starts, stopped before that stack stops. */
@FunctionalInterface
public interface StackAttachment {

    /** Starts watching {@code stack}; called off the FX thread. The handle is closed before the stack is. */
    AutoCloseable attach(SystemStack stack) throws Exception;
}
