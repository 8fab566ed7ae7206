package dev.matchflow.pubsub.embedded;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a consumer's drain on the delivery executor: never twice at once, and once more when woken while running. The
 * thread that wakes it (a publish, an ack) returns at once instead of being kept busy delivering.
 */
final class SerialDrain {

    private static final Logger LOG = LoggerFactory.getLogger(SerialDrain.class);

    private final Executor executor;
    private final Runnable drain;
    private final AtomicInteger wakeups = new AtomicInteger();

    SerialDrain(Executor executor, Runnable drain) {
        this.executor = executor;
        this.drain = drain;
    }

    void wake() {
        if (wakeups.getAndIncrement() != 0) {
            return;
        }
        try {
            executor.execute(this::run);
        } catch (RejectedExecutionException e) {
            LOG.debug("Delivery skipped: the broker is shutting down");
        }
    }

    private void run() {
        int missed = 1;
        do {
            try {
                drain.run();
            } catch (RuntimeException e) {
                LOG.error("Delivering messages failed; delivery goes on at the next message", e);
            }
            missed = wakeups.addAndGet(-missed);
        } while (missed != 0);
    }
}
