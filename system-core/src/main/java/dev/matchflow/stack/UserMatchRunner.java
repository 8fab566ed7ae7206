package dev.matchflow.stack;

import dev.matchflow.db.Database;
import dev.matchflow.faults.Fault;
import dev.matchflow.faults.FaultComponent;
import dev.matchflow.faults.FaultInjection;
import dev.matchflow.faults.FaultKind;
import dev.matchflow.faults.LoopbackProxy;
import dev.matchflow.pubsub.PubSubClients;
import dev.matchflow.usermatch.PubSubEventPublisher;
import dev.matchflow.usermatch.RelaySettings;
import dev.matchflow.usermatch.UserMatchServer;
import dev.matchflow.usermatch.UserMatchService;
import dev.matchflow.usermatch.UserMatchSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User-Match in a stack, which can be restarted as a new process would be: a new server with a new outbox relay and
 * new Pub/Sub clients over the same database. Its publishes reach an emulator through a relay of their own, which
 * refuses them while Pub/Sub is down; the relay of a stopped User-Match never listens again, so nothing it had in
 * flight reaches Pub/Sub afterwards, as with a process that died.
 */
final class UserMatchRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UserMatchRunner.class);

    /** Short enough that a restart during a Pub/Sub outage waits briefly for the publishes in flight. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);

    private static final long CLIENTS_CLOSE_SECONDS = 30;

    private final StackSettings settings;
    private final Database database;
    private final PubSubClients sharedClients;
    private final FaultInjection faults;
    private final UserMatchSettings userMatchSettings;
    private final List<CompletableFuture<Void>> closing = new ArrayList<>();
    private Incarnation current;

    /** One run of User-Match, with what it alone uses. */
    private record Incarnation(
            UserMatchServer server, Optional<PubSubClients> clients, Optional<LoopbackProxy> publishing) {}

    UserMatchRunner(
            StackSettings settings,
            Database database,
            PubSubClients sharedClients,
            FaultInjection faults,
            UserMatchSettings userMatchSettings) {
        this.settings = settings;
        this.database = database;
        this.sharedClients = sharedClients;
        this.faults = faults;
        this.userMatchSettings = userMatchSettings
                .withRelay(RelaySettings.defaults().withPublishTimeout(PUBLISH_TIMEOUT))
                .withLeaveCheckpoint(faults.leaveCheckpoint());
        faults.whenSwitched(FaultComponent.PUBSUB, FaultKind.DOWN, this::publishingSwitched);
        if (sharedClients.emulatorEndpoint().isEmpty()) {
            String reason = "User-Match publishes to Google Cloud directly, not through a relay of the stack";
            faults.refuse(FaultComponent.PUBSUB, FaultKind.DOWN, reason);
            faults.refuse(FaultComponent.PUBSUB, FaultKind.SLOW, reason);
        }
    }

    synchronized UserMatchRunner start() {
        current = startIncarnation();
        return this;
    }

    /** The port of the running User-Match. */
    synchronized int port() {
        return current.server().port();
    }

    synchronized UserMatchServer server() {
        return current.server();
    }

    /**
     * Stops User-Match (its server, then its relay, which gives back the events it holds) and starts a new one; the
     * old one's Pub/Sub clients close in the background.
     */
    synchronized void restart() {
        Incarnation stopped = current;
        stop(stopped);
        current = startIncarnation();
        log.info("User-Match restarted on port {}", current.server().port());
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            stop(current);
            current = null;
        }
        closing.forEach(UserMatchRunner::awaitClosed);
    }

    private Incarnation startIncarnation() {
        if (!settings.publishingEnabled()) {
            return new Incarnation(
                    UserMatchService.startWithoutPublishing(database, userMatchSettings),
                    Optional.empty(),
                    Optional.empty());
        }
        Optional<LoopbackProxy> publishing =
                sharedClients.emulatorEndpoint().map(endpoint -> faults.frontPublishing(portOf(endpoint)));
        Optional<PubSubClients> own =
                publishing.map(relay -> PubSubClients.forEmulator(sharedClients.projectId(), relay.endpoint()));
        PubSubClients clients = own.orElse(sharedClients);
        PubSubEventPublisher publisher =
                PubSubEventPublisher.create(clients, settings.topic(), userMatchSettings.relay());
        return new Incarnation(UserMatchService.start(database, userMatchSettings, publisher), own, publishing);
    }

    private void stop(Incarnation incarnation) {
        incarnation.server().close();
        incarnation.publishing().ifPresent(LoopbackProxy::close);
        incarnation.clients().ifPresent(clients -> closing.add(CompletableFuture.runAsync(clients::close)));
    }

    private synchronized void publishingSwitched(Optional<Fault> down) {
        if (current == null) {
            return;
        }
        current.publishing().ifPresent(relay -> {
            if (down.isPresent()) {
                relay.refuse();
            } else {
                relay.resume();
                current.clients().ifPresent(PubSubClients::reconnectNow);
            }
        });
    }

    /** The port of an emulator endpoint, which the clients have checked reads {@code host:port}. */
    private static int portOf(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private static void awaitClosed(CompletableFuture<Void> clientsClosing) {
        try {
            clientsClosing.get(CLIENTS_CLOSE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("Pub/Sub clients of a stopped User-Match did not close cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
