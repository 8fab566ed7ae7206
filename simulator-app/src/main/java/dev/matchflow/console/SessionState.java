package dev.matchflow.console;

/** Where the console's stack is. */
public enum SessionState {
    STARTING,
    RUNNING,
    FAILED,
    STOPPED
}
