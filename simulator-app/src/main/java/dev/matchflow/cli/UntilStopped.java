package dev.matchflow.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a long-running command in the foreground until Ctrl-C, SIGTERM or an interrupt, and lets it stop what it
 * started before the JVM exits.
 *
 * <p>On a signal the JVM runs its shutdown hooks and then halts, whatever the main thread is doing. The hook here
 * interrupts the command's thread and waits (up to {@link #STOP_LIMIT}) until the command says it has stopped, so the
 * command's own {@code finally} blocks get to close servers and remove files.
 */
final class UntilStopped implements AutoCloseable {

    static final Duration STOP_LIMIT = Duration.ofSeconds(20);

    private final CountDownLatch stopped = new CountDownLatch(1);
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

    /** Says everything has stopped, so a signal's shutdown may go on, and stops watching. */
    @Override
    public void close() {
        stopped.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already running the hook; it returns now that everything has stopped.
        }
    }

    private void stopCommand(Thread commandThread) {
        commandThread.interrupt();
        try {
            stopped.await(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
