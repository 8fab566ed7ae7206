package dev.matchflow.console;

import dev.matchflow.stack.StackClient;
import dev.matchflow.stack.SystemStack;

/** The stack the console runs now, and the client its actions drive it with. */
public record RunningStack(SystemStack stack, StackClient client) {}
