package dev.matchflow.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command in the foreground until Ctrl-C, SIGTERM or an interrupt, and lets it stop what it
 * started before the JVM exits.
 *
 * <p>On a signal the JVM runs its shutdown hooks and then halts with 128 + the signal's number, whatever the main
 * thread is doing. The hook here interrupts the command's thread and waits (up to {@link #STOP_LIMIT}) for it to end;
 * the launcher's main thread ends by halting the JVM through {@link #exit}. So the command's own {@code finally} blocks
 * get to close servers and remove files, and a command stopped cleanly ends with its own exit status (0) rather than
 * 130 or 143.
 */
final class UntilStopped implements AutoCloseable {

    static final Duration STOP_LIMIT = Duration.ofSeconds(20);

    private static volatile boolean signalled;

    private final Thread hook;

    private UntilStopped(Thread commandThread) {
        this.hook = new Thread(() -> stopCommand(commandThread), "matchflow-shutdown");
    }

    /** Watches for a signal on behalf of the calling thread; close it once everything has stopped. */
    static UntilStopped forCurrentThread() {
        UntilStopped watch = new UntilStopped(Thread.currentThread());
        Runtime.getRuntime().addShutdownHook(watch.hook);
        return watch;
    }

    /** Blocks until the calling thread is interrupted, by a signal or by whoever runs the command. */
    void await() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the JVM with {@code status}, the launcher's last step. When a signal has already started the JVM's
     * shutdown, the command has stopped by now, so the JVM halts at once with {@code status}; shutdown hooks of
     * others that are still running are cut short, and Matchflow's commands close what they started themselves.
     */
    static void exit(int status) {
        if (signalled) {
            Runtime.getRuntime().halt(status);
        }
        System.exit(status);
    }

    /** Stops watching; call it once everything has stopped. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already running the hook, which waits for the command's thread to end.
        }
    }

    private static void stopCommand(Thread commandThread) {
        signalled = true;
        commandThread.interrupt();
        try {
            commandThread.join(STOP_LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
