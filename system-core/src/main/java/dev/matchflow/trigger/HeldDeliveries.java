package dev.matchflow.trigger;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Counts the messages the trigger holds back to POST later, so that stopping can wait for them. */
final class HeldDeliveries {

    private int count;

    synchronized void add(int change) {
        count += change;
        notifyAll();
    }

    synchronized int count() {
        return count;
    }

    /** Waits until no message is held. */
    synchronized void awaitNone(Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (count > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(count + " held deliveries still waiting");
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
