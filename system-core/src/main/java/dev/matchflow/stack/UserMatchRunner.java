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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User-Match in a stack, which can be restarted as a new process would be: a new server with a new outbox relay and
 * new Pub/Sub clients, over the same database, behind the same endpoint. The publishes of each run reach an emulator
 * through a relay of its own, which refuses them while Pub/Sub is down.
 *
 * <p>A stopped run's Pub/Sub clients close in the background. The official publisher retries a publish with an
 * ordering key until Pub/Sub takes it, so a publish the stopped run had in flight during an outage reaches Pub/Sub
 * when the outage ends: the event is then published twice, once by each run, which at-least-once delivery allows
 * and the cleanup's idempotency absorbs.
 */
final class UserMatchRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UserMatchRunner.class);

    /** Short enough that a restart during a Pub/Sub outage waits briefly for the publishes in flight. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);

    private static final long RETIRING_SECONDS = 30;

    private final StackSettings settings;
    private final Database database;
    private final PubSubClients sharedClients;
    private final FaultInjection faults;
    private final UserMatchSettings userMatchSettings;
    private final List<Run> publishing = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> retiring = new CopyOnWriteArrayList<>();
    private Run current;

    /** One run of User-Match, with the Pub/Sub clients and the relay to Pub/Sub it alone uses. */
    private record Run(UserMatchServer server, Optional<PubSubClients> clients, Optional<LoopbackProxy> relay) {

        void closePublishing() {
            clients.ifPresent(PubSubClients::close);
            relay.ifPresent(LoopbackProxy::close);
        }
    }

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
        current = startRun();
        return this;
    }

    /** The port of the running User-Match. */
    synchronized int port() {
        return current.server().port();
    }

    /**
     * Stops User-Match (its server, then its outbox relay, which gives back the events it holds) and starts a new one,
     * which takes those events over.
     */
    synchronized void restart() {
        Run stopped = current;
        stopped.server().close();
        retiring.add(CompletableFuture.runAsync(() -> {
            stopped.closePublishing();
            publishing.remove(stopped);
        }));
        current = startRun();
        log.info("User-Match restarted on port {}", current.server().port());
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.server().close();
            current.closePublishing();
            current = null;
        }
        retiring.forEach(UserMatchRunner::awaitRetired);
    }

    private Run startRun() {
        if (!settings.publishingEnabled()) {
            return new Run(
                    UserMatchService.startWithoutPublishing(database, userMatchSettings),
                    Optional.empty(),
                    Optional.empty());
        }
        Optional<LoopbackProxy> relay =
                sharedClients.emulatorEndpoint().map(endpoint -> faults.frontPublishing(portOf(endpoint)));
        Optional<PubSubClients> own =
                relay.map(proxy -> PubSubClients.forEmulator(sharedClients.projectId(), proxy.endpoint()));
        PubSubEventPublisher publisher =
                PubSubEventPublisher.create(own.orElse(sharedClients), settings.topic(), userMatchSettings.relay());
        Run run = new Run(UserMatchService.start(database, userMatchSettings, publisher), own, relay);
        publishing.add(run);
        return run;
    }

    private void publishingSwitched(Optional<Fault> down) {
        for (Run run : publishing) {
            run.relay().ifPresent(relay -> {
                if (down.isPresent()) {
                    relay.refuse();
                } else {
                    relay.resume();
                    run.clients().ifPresent(PubSubClients::reconnectNow);
                }
            });
        }
    }

    /** The port of an emulator endpoint, which the clients have checked reads {@code host:port}. */
    private static int portOf(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private static void awaitRetired(CompletableFuture<Void> closing) {
        try {
            closing.get(RETIRING_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn(
                    "the Pub/Sub clients of a stopped User-Match did not close within {} s: {}",
                    RETIRING_SECONDS,
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
