package dev.matchflow.pubsub;

import com.google.api.core.ApiFuture;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Republishes the dead letters of a topology to its event topic, once whatever made their deliveries fail is
 * fixed. Each dead letter is published again with its data, its original attributes and its ordering key, and
 * acknowledged on the dead-letter subscription only once Pub/Sub took the copy; one whose copy was not taken is
 * handed back and stays a dead letter.
 */
public final class DeadLetterRedrive {

    /** Attributes Pub/Sub adds when it forwards a message to a dead-letter topic; the copy goes without them. */
    private static final String DEAD_LETTER_ATTRIBUTES = "CloudPubSubDeadLetter";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRedrive.class);
    private static final int PULL_BATCH = 100;
    private static final long PUBLISH_WAIT_SECONDS = 10;

    private final PubSubClients clients;
    private final PubSubTopology topology;
    private final Publisher publisher;

    /** Redrives through {@code publisher}, which publishes to the topology's event topic with ordering enabled. */
    public DeadLetterRedrive(PubSubClients clients, PubSubTopology topology, Publisher publisher) {
        this.clients = clients;
        this.topology = topology;
        this.publisher = publisher;
    }

    /**
     * A dead letter published again.
     *
     * @param deadLetterId its message id on the dead-letter topic
     * @param messageId the id of its copy on the event topic
     * @param attributes the attributes it was published with
     */
    public record Redriven(String deadLetterId, String messageId, Map<String, String> attributes) {}

    /**
     * Redrives every dead letter waiting now.
     *
     * @return those published again, in the order they were pulled
     */
    public List<Redriven> redriveAll() throws InterruptedException {
        List<Redriven> redriven = new ArrayList<>();
        for (List<ReceivedMessage> batch = pull(); !batch.isEmpty(); batch = pull()) {
            redriven.addAll(republish(batch));
        }
        log.info(
                "redrove {} dead letters from {} to {}",
                redriven.size(),
                topology.deadLetterSubscription(),
                topology.topic());
        return redriven;
    }

    /**
     * Pulls without waiting: {@code return_immediately} is deprecated because real Pub/Sub may answer empty while
     * messages wait, but it is the only way to ask an emulator whether a subscription is empty without waiting out a
     * pull; a dead letter left behind by an early empty answer is redriven by the next run.
     */
    @SuppressWarnings("deprecation")
    private List<ReceivedMessage> pull() {
        PullResponse response = clients.subscriptionAdmin()
                .pull(PullRequest.newBuilder()
                        .setSubscription(deadLetters())
                        .setMaxMessages(PULL_BATCH)
                        .setReturnImmediately(true)
                        .build());
        return response.getReceivedMessagesList();
    }

    private List<Redriven> republish(List<ReceivedMessage> batch) throws InterruptedException {
        List<ApiFuture<String>> copies = new ArrayList<>();
        for (ReceivedMessage deadLetter : batch) {
            publisher.resumePublish(deadLetter.getMessage().getOrderingKey());
            copies.add(publisher.publish(copyOf(deadLetter.getMessage())));
        }
        List<Redriven> redriven = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            ReceivedMessage deadLetter = batch.get(i);
            try {
                String messageId = copies.get(i).get(PUBLISH_WAIT_SECONDS, TimeUnit.SECONDS);
                PubsubMessage copy = copyOf(deadLetter.getMessage());
                redriven.add(new Redriven(deadLetter.getMessage().getMessageId(), messageId, copy.getAttributesMap()));
                taken.add(deadLetter.getAckId());
            } catch (ExecutionException | TimeoutException e) {
                log.warn(
                        "dead letter {} was not published again: {}; it stays a dead letter",
                        deadLetter.getMessage().getMessageId(),
                        e.toString());
                refused.add(deadLetter.getAckId());
            }
        }
        settle(taken, refused);
        return redriven;
    }

    private void settle(List<String> taken, List<String> refused) {
        if (!taken.isEmpty()) {
            clients.subscriptionAdmin()
                    .acknowledgeCallable()
                    .call(AcknowledgeRequest.newBuilder()
                            .setSubscription(deadLetters())
                            .addAllAckIds(taken)
                            .build());
        }
        if (!refused.isEmpty()) {
            clients.subscriptionAdmin()
                    .modifyAckDeadlineCallable()
                    .call(ModifyAckDeadlineRequest.newBuilder()
                            .setSubscription(deadLetters())
                            .addAllAckIds(refused)
                            .setAckDeadlineSeconds(0)
                            .build());
        }
    }

    private String deadLetters() {
        return clients.subscriptionName(topology.deadLetterSubscription()).toString();
    }

    private static PubsubMessage copyOf(PubsubMessage deadLetter) {
        Map<String, String> original = deadLetter.getAttributesMap().entrySet().stream()
                .filter(attribute -> !attribute.getKey().startsWith(DEAD_LETTER_ATTRIBUTES))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return PubsubMessage.newBuilder()
                .setData(deadLetter.getData())
                .putAllAttributes(original)
                .setOrderingKey(deadLetter.getOrderingKey())
                .build();
    }
}
