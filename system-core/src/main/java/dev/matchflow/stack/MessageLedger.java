package dev.matchflow.stack;

import com.google.api.core.ApiFuture;
import dev.matchflow.trigger.Delivery;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * What became of every message the stack knows was published: acknowledged by the trigger (the function cleaned
 * up or rejected it), or dead-lettered after its last delivery attempt failed. It works the same on every Pub/Sub
 * backend, because it listens to the trigger, not to the server.
 *
 * <p>A message is dead-lettered when a delivery that the subscription counted as its last attempt is nacked: the
 * trigger subscription's dead-letter policy then forwards it, on Google Cloud as on the emulators.
 */
final class MessageLedger {

    /** How a message ended. */
    enum Ending {
        ACKED,
        DEAD_LETTERED
    }

    private final int maxDeliveryAttempts;
    private final Set<String> publishedByHand = ConcurrentHashMap.newKeySet();
    private final Map<String, Ending> endings = new ConcurrentHashMap<>();

    MessageLedger(int maxDeliveryAttempts) {
        this.maxDeliveryAttempts = maxDeliveryAttempts;
    }

    /** Notes a message the stack published itself rather than through User-Match's outbox. */
    void publishedByHand(String messageId) {
        publishedByHand.add(messageId);
    }

    /**
     * Waits until Pub/Sub takes a message the stack published by hand to {@code topic}, and notes it.
     *
     * @return the message id Pub/Sub gave it
     * @throws IllegalStateException when Pub/Sub does not take it within ten seconds, or when interrupted
     */
    String awaitPublishedByHand(ApiFuture<String> published, String topic) {
        try {
            String messageId = published.get(10, TimeUnit.SECONDS);
            publishedByHand(messageId);
            return messageId;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Pub/Sub did not take the message for " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        }
    }

    /** Notes one delivery attempt of the trigger; only an ack or a last failed attempt ends a message. */
    void delivered(Delivery delivery) {
        if (delivery.outcome() == Delivery.Outcome.ACKED) {
            endings.put(delivery.messageId(), Ending.ACKED);
        } else if (delivery.attempt() >= maxDeliveryAttempts) {
            endings.putIfAbsent(delivery.messageId(), Ending.DEAD_LETTERED);
        }
    }

    /** The messages of {@code published} (and those published by hand) that have not ended yet. */
    Set<String> unsettled(Collection<String> published) {
        return allPublished(published).stream()
                .filter(messageId -> !endings.containsKey(messageId))
                .collect(Collectors.toSet());
    }

    /** What became of the messages of {@code published} and of those published by hand. */
    StackSnapshot.MessageEndings endings(Collection<String> published) {
        Set<String> all = allPublished(published);
        return new StackSnapshot.MessageEndings(
                endedAs(all, Ending.ACKED), endedAs(all, Ending.DEAD_LETTERED), unsettled(published));
    }

    private Set<String> endedAs(Set<String> messageIds, Ending ending) {
        return messageIds.stream()
                .filter(messageId -> endings.get(messageId) == ending)
                .collect(Collectors.toSet());
    }

    private Set<String> allPublished(Collection<String> published) {
        Set<String> all = ConcurrentHashMap.newKeySet();
        all.addAll(published);
        all.addAll(publishedByHand);
        return all;
    }
}
