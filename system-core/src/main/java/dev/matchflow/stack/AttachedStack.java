package dev.matchflow.stack;

import com.google.cloud.pubsub.v1.Publisher;
import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.db.Database;
import dev.matchflow.db.DatabaseSettings;
import dev.matchflow.http.JsonHttpClient;
import dev.matchflow.pubsub.PubSubClients;
import dev.matchflow.pubsub.PubSubTopology;
import dev.matchflow.trigger.DeliveryRecord;
import dev.matchflow.trigger.TriggerMain;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A system whose parts run elsewhere, each on its own (in containers, for example), reached over the network: the
 * services at their endpoints, the shared database to read snapshots from, the Pub/Sub emulator to publish by hand,
 * and the trigger's {@code GET /deliveries} (see {@link TriggerMain}) to tell which messages ended.
 *
 * <p>The function's rejections are read off its spans in a {@link SystemStack}; here they stay in the function's
 * logs, so snapshots list none.
 */
public final class AttachedStack implements RunningStack {

    private static final Logger log = LoggerFactory.getLogger(AttachedStack.class);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);

    private final StackEndpoints endpoints;
    private final String internalToken;
    private final Database database;
    private final StateReader state;
    private final JsonHttpClient trigger;
    private final PubSubClients pubsub;
    private final MessageLedger ledger = new MessageLedger(PubSubTopology.MAX_DELIVERY_ATTEMPTS);
    private Publisher handPublisher;

    private AttachedStack(
            StackEndpoints endpoints,
            String internalToken,
            Database database,
            JsonHttpClient trigger,
            PubSubClients pubsub) {
        this.endpoints = endpoints;
        this.internalToken = internalToken;
        this.database = database;
        this.state = new StateReader(database);
        this.trigger = trigger;
        this.pubsub = pubsub;
    }

    /**
     * Attaches to a running system.
     *
     * @param endpoints where the services are reached; {@code pubsub} is the emulator's {@code host:port}
     * @param internalToken the shared secret Matches' internal endpoints accept
     * @param database the shared database, as this process reaches it
     * @param triggerStatus the base URL of the trigger's status endpoint
     * @throws IllegalStateException when the database cannot be reached
     */
    public static AttachedStack attach(
            StackEndpoints endpoints, String internalToken, DatabaseSettings database, URI triggerStatus) {
        Database opened = Database.open(database);
        JsonHttpClient trigger = JsonHttpClient.create(TriggerMain.NAME, triggerStatus.toString(), STATUS_TIMEOUT);
        PubSubClients pubsub = PubSubClients.forEmulator(endpoints.project(), endpoints.pubsub());
        log.info("attached to the stack at {} on {}", endpoints, database.describe());
        return new AttachedStack(endpoints, internalToken, opened, trigger, pubsub);
    }

    @Override
    public StackEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public String internalToken() {
        return internalToken;
    }

    @Override
    public String publishByHand(PubsubMessage message) {
        String messageId = ledger.awaitPublishedByHand(handPublisher().publish(message), endpoints.topic());
        log.info("message {} published by hand to {}", messageId, endpoints.topic());
        return messageId;
    }

    @Override
    public StackSnapshot snapshot() {
        readDeliveries();
        return state.read().snapshot(ledger, List.of(), Optional.empty(), List.of());
    }

    @Override
    public SystemStack.Quiescence quiescence() {
        int inFlight = readDeliveries();
        int pending = state.pendingEvents();
        Set<String> unsettled = ledger.unsettled(state.publishedMessageIds());
        return new SystemStack.Quiescence(pending, unsettled.size(), inFlight, 0);
    }

    /** Closes the clients and the database connections; the parts it is attached to keep running. */
    @Override
    public synchronized void close() {
        pubsub.close();
        database.close();
    }

    /** Notes every delivery the trigger reports in the ledger, and answers how many are under way. */
    private int readDeliveries() {
        DeliveryRecord.Status status = trigger.get("/deliveries", DeliveryRecord.Status.class);
        status.deliveries().forEach(entry -> ledger.delivered(entry.toDelivery()));
        return status.inFlight();
    }

    private synchronized Publisher handPublisher() {
        if (handPublisher == null) {
            handPublisher = pubsub.publisher(endpoints.topic());
        }
        return handPublisher;
    }
}
