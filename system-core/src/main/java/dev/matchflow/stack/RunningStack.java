package dev.matchflow.stack;

import com.google.pubsub.v1.PubsubMessage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running match cleanup system as its end-to-end tests and drivers see it, wherever its parts run: in this
 * process ({@link SystemStack}) or elsewhere, in containers for example ({@link AttachedStack}). It is driven
 * through its public HTTP APIs ({@link StackClient#of(RunningStack)}) and Pub/Sub, and read back as snapshots.
 *
 * <p>Fault injection, the flow feed and spans need the parts in this process: they are {@link SystemStack}'s only.
 */
public interface RunningStack extends AutoCloseable {

    /** Where each part is reached. */
    StackEndpoints endpoints();

    /** The bearer token Matches' internal endpoints accept. */
    String internalToken();

    /**
     * Publishes a message to the event topic as someone with {@code gcloud pubsub topics publish} would, whatever it
     * holds; it is tracked like every other message until the trigger settles it.
     *
     * @return the message id Pub/Sub gave it
     * @throws IllegalStateException when Pub/Sub does not take it
     */
    String publishByHand(PubsubMessage message);

    /** Every row of the system and what became of each published message, at this moment. */
    StackSnapshot snapshot();

    /** What still moves through the system; quiet when nothing does. */
    SystemStack.Quiescence quiescence();

    /**
     * Waits until nothing moves: the outbox is empty, every published message was acknowledged or dead-lettered, and
     * no delivery is under way.
     *
     * @throws TimeoutException when it is still not quiet after {@code timeout}, saying what still moves
     */
    default void awaitQuiescence(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SystemStack.Quiescence now = quiescence();
        while (!now.isQuiet()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the stack is not quiet after " + timeout + ": " + now);
            }
            TimeUnit.MILLISECONDS.sleep(25);
            now = quiescence();
        }
    }

    /** Stops whatever this stack started. Closing twice does nothing. */
    @Override
    void close();
}
