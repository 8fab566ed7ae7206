package dev.matchflow.stack;

import com.google.cloud.pubsub.v1.Publisher;
import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.cleanup.CleanupFunction;
import dev.matchflow.cleanup.CleanupSettings;
import dev.matchflow.cleanup.FunctionHost;
import dev.matchflow.cleanup.SharedSecretTokenSource;
import dev.matchflow.db.Database;
import dev.matchflow.faults.FaultComponent;
import dev.matchflow.faults.FaultInjection;
import dev.matchflow.faults.FaultKind;
import dev.matchflow.faults.Faults;
import dev.matchflow.faults.LoopbackProxy;
import dev.matchflow.http.ApiServer;
import dev.matchflow.http.HttpSettings;
import dev.matchflow.matches.MatchesService;
import dev.matchflow.observability.Telemetry;
import dev.matchflow.pools.PoolsClient;
import dev.matchflow.pools.PoolsService;
import dev.matchflow.pubsub.DeadLetterRedrive;
import dev.matchflow.pubsub.PubSubClients;
import dev.matchflow.pubsub.PubSubTopology;
import dev.matchflow.pubsub.embedded.Broker;
import dev.matchflow.security.SharedSecretVerifier;
import dev.matchflow.trigger.PubSubTrigger;
import dev.matchflow.trigger.TriggerSettings;
import dev.matchflow.usermatch.UserMatchService;
import dev.matchflow.usermatch.UserMatchSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole match cleanup system on one machine: the database, Pub/Sub with the system's topology, the Pools,
 * Matches and User-Match services, the cleanup function in its host, and the trigger that delivers the topic's
 * messages to it. Every part listens on 127.0.0.1.
 *
 * <pre>{@code
 * try (SystemStack stack = SystemStack.start(StackSettings.defaults())) {
 *     URI userMatch = stack.endpoints().userMatch();
 *     // ... drive the system through its HTTP APIs ...
 *     stack.awaitQuiescence(Duration.ofSeconds(30));
 *     StackSnapshot state = stack.snapshot();
 * }
 * }</pre>
 *
 * <p>What moves through the stack is told to observers of {@link #flow()}, one event per hop, and of {@link
 * #subscribeSpans}, one span per hop with its trace.
 */
public final class SystemStack implements RunningStack {

    /** The trigger's name as a traced service. */
    static final String TRIGGER_NAME = "trigger";

    /** The stack's own endpoint's name in logs and metrics. */
    static final String ADMIN_NAME = "stack";

    private static final Logger log = LoggerFactory.getLogger(SystemStack.class);
    private static final int RECENT_FLOW_EVENTS = 10_000;

    private final StackSettings settings;
    private final String internalToken = SharedSecretVerifier.randomSecret();
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<Telemetry> telemetries = new CopyOnWriteArrayList<>();
    private final List<Consumer<SpanData>> spanObservers = new CopyOnWriteArrayList<>();
    private final FlowFeed flow = new FlowFeed(RECENT_FLOW_EVENTS);
    private final FlowRecorder recorder;
    private final MessageLedger ledger = new MessageLedger(PubSubTopology.MAX_DELIVERY_ATTEMPTS);
    private final RejectionLog rejections = new RejectionLog();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FaultInjection faults;
    private Database database;
    private StateReader state;
    private PubSubRuntime pubsub;
    private LoopbackProxy pools;
    private LoopbackProxy matches;
    private LoopbackProxy function;
    private UserMatchRunner userMatch;
    private LoopbackProxy userMatchFront;
    private PubSubTrigger trigger;
    private ApiServer admin;
    private Publisher handPublisher;

    private SystemStack(StackSettings settings) {
        this.settings = settings;
        this.recorder = new FlowRecorder(flow, settings.topology());
        this.faults = new FaultInjection(settings.faultSeed(), registry);
        faults.controls().subscribe(recorder::faultSwitched);
    }

    /**
     * Starts every part, in the order they depend on each other, and returns once all of them answer.
     *
     * @throws IllegalStateException when a part cannot start, naming it and why; what had started is stopped
     */
    public static SystemStack start(StackSettings settings) {
        SystemStack stack = new SystemStack(settings);
        long started = System.nanoTime();
        try {
            stack.startParts();
        } catch (RuntimeException e) {
            stack.close();
            throw new IllegalStateException("the stack could not start: " + e.getMessage(), e);
        }
        log.info(
                "stack ready in {} ms on Pub/Sub {} and {}: {}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                settings.pubsub(),
                settings.database().describe(),
                stack.endpoints());
        return stack;
    }

    /** The settings it was started with. */
    public StackSettings settings() {
        return settings;
    }

    @Override
    public StackEndpoints endpoints() {
        return new StackEndpoints(
                URI.create(userMatchFront.url()),
                URI.create(pools.url()),
                URI.create(matches.url()),
                URI.create(function.url() + "/"),
                pubsub.endpoint(),
                settings.projectId(),
                settings.topic(),
                URI.create(admin.url()));
    }

    /** The bearer token Matches' internal endpoints accept in this run; random for every stack. */
    @Override
    public String internalToken() {
        return internalToken;
    }

    /**
     * The fault switches of this stack: every part can be made down, slow or failing, Pub/Sub can lose, delay,
     * duplicate and reorder messages, and more; see the {@code faults} package.
     */
    public Faults faults() {
        return faults.controls();
    }

    /**
     * Restarts User-Match as a new process would start: a new server and outbox relay, on the same database, behind
     * the same endpoint. The old relay gives back the events it held; the new one publishes them.
     */
    public void restartUserMatch() {
        userMatch.restart();
        userMatchFront.retarget(userMatch.port());
    }

    /** The live feed of hops through the system. */
    public FlowFeed flow() {
        return flow;
    }

    /**
     * Calls {@code observer} with every span any part of the stack ends from now on, on the thread that ended it,
     * until the returned handle is closed. The observer must return quickly.
     */
    public AutoCloseable subscribeSpans(Consumer<SpanData> observer) {
        spanObservers.add(observer);
        return () -> spanObservers.remove(observer);
    }

    /** Pub/Sub clients on the stack's backend, for publishing or pulling by hand; closed with the stack. */
    public PubSubClients pubsubClients() {
        return pubsub.clients();
    }

    /** The embedded Pub/Sub server's broker, for introspection; empty on every other backend. */
    public Optional<Broker> broker() {
        return pubsub.broker();
    }

    /**
     * Publishes a message to the event topic as someone with {@code gcloud pubsub topics publish} would, whatever it
     * holds; it is tracked like every other message until the trigger settles it.
     *
     * @return the message id Pub/Sub gave it
     * @throws IllegalStateException when Pub/Sub does not take it within ten seconds
     */
    @Override
    public String publishByHand(PubsubMessage message) {
        String messageId = ledger.awaitPublishedByHand(handPublisher().publish(message), settings.topic());
        recorder.publishedByHand(messageId, message.getAttributesMap());
        log.info("message {} published by hand to {}", messageId, settings.topic());
        return messageId;
    }

    /**
     * Republishes every dead letter to the event topic, as an operator does once whatever failed their deliveries is
     * fixed; each copy is tracked like every other message until the trigger settles it. The stack's own endpoint
     * offers the same as {@code POST /dead-letters/redrive}, for {@code ./matchflow redrive}.
     *
     * @return the dead letters published again, with the ids of their copies
     * @throws IllegalStateException when interrupted; the dead letters not yet published again stay
     */
    public List<DeadLetterRedrive.Redriven> redriveDeadLetters() {
        try {
            List<DeadLetterRedrive.Redriven> redriven =
                    new DeadLetterRedrive(pubsub.clients(), settings.topology(), handPublisher()).redriveAll();
            for (DeadLetterRedrive.Redriven copy : redriven) {
                ledger.publishedByHand(copy.messageId());
                recorder.redriven(copy);
            }
            return redriven;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while redriving the dead letters of " + settings.topic(), e);
        }
    }

    /** Every row of the system and what Pub/Sub holds, at this moment. */
    @Override
    public StackSnapshot snapshot() {
        return state.read()
                .snapshot(
                        ledger,
                        rejections.all(),
                        pubsubState(),
                        faults.controls().active());
    }

    @Override
    public Quiescence quiescence() {
        int pending = state.pendingEvents();
        Set<String> unsettled = ledger.unsettled(state.publishedMessageIds());
        int inFlight = trigger.deliveriesInFlight();
        long backlog = pubsubState()
                .map(held -> held.trigger().backlog() + held.trigger().inFlight())
                .orElse(0L);
        return new Quiescence(pending, unsettled.size(), inFlight, backlog);
    }

    /** Stops every part, the last started first. Closing twice does nothing. */
    @Override
    public synchronized void close() {
        switchFaultsOff();
        while (!running.isEmpty()) {
            AutoCloseable part = running.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("a part of the stack did not stop cleanly: {}", e.toString());
            }
        }
        flow.close();
        telemetries.forEach(Telemetry::close);
        telemetries.clear();
    }

    private void startParts() {
        database = started(Database.open(settings.database()));
        state = new StateReader(database);
        pubsub = started(PubSubRuntime.start(settings));
        pubsub.broker().ifPresent(broker -> broker.addListener(recorder::brokerEvent));
        pools = front(
                FaultComponent.POOLS,
                started(PoolsService.start(database, http(FaultComponent.POOLS)))
                        .port());
        matches = front(FaultComponent.MATCHES, started(startMatches()).port());
        function = front(FaultComponent.FUNCTION, started(startFunction()).port());
        userMatch = started(startUserMatch());
        userMatchFront = front(FaultComponent.USER_MATCH, userMatch.port());
        trigger = started(startTrigger(new StackMetrics(registry)));
        admin = started(ApiServer.start(
                ADMIN_NAME,
                HttpSettings.loopback(),
                registry,
                app -> app.post("/dead-letters/redrive", ctx -> ctx.json(RedriveAnswer.of(redriveDeadLetters())))));
    }

    private ApiServer startMatches() {
        PoolsClient poolsClient = PoolsClient.create(pools.url()).withOpenTelemetry(telemetry(MatchesService.NAME));
        return MatchesService.start(
                database,
                http(FaultComponent.MATCHES),
                poolsClient,
                new SharedSecretVerifier(internalToken),
                Clock.systemUTC(),
                faults.cleanupCheckpoints());
    }

    private FunctionHost startFunction() {
        Duration timeout = settings.matchesTimeout();
        Duration connectTimeout = timeout.compareTo(CleanupSettings.DEFAULT_CONNECT_TIMEOUT) < 0
                ? timeout
                : CleanupSettings.DEFAULT_CONNECT_TIMEOUT;
        CleanupSettings cleanup = new CleanupSettings(
                URI.create(matches.url()), new SharedSecretTokenSource(internalToken), connectTimeout, timeout);
        CleanupFunction cleanupFunction = new CleanupFunction(cleanup, registry, telemetry(CleanupFunction.NAME));
        return new FunctionHost(faults.function(cleanupFunction)).start(HttpSettings.LOOPBACK, 0);
    }

    private UserMatchRunner startUserMatch() {
        UserMatchSettings userMatchSettings = UserMatchSettings.forPools(pools.url())
                .withHttp(http(FaultComponent.USER_MATCH))
                .withPublishingEnabled(settings.publishingEnabled());
        return new UserMatchRunner(settings, database, pubsub.clients(), faults, userMatchSettings).start();
    }

    private PubSubTrigger startTrigger(StackMetrics metrics) {
        PubSubTopology topology = settings.topology();
        TriggerSettings triggerSettings = new TriggerSettings(
                settings.projectId(), topology.topic(), topology.subscription(), URI.create(function.url() + "/"));
        PubSubClients clients = pubsub.clients();
        PubSubTrigger started = new PubSubTrigger(triggerSettings, clients::subscriber, telemetry(TRIGGER_NAME))
                .withDeliveryPlanner(faults.deliveryPlanner());
        started.addListener(ledger::delivered);
        started.addListener(metrics::delivered);
        metrics.watch(topology.subscription(), this::pubsubState);
        faults.whenSwitched(FaultComponent.TRIGGER, FaultKind.DOWN, down -> {
            if (down.isPresent()) {
                started.close();
            } else if (!started.isRunning()) {
                started.start();
            }
        });
        return started.start();
    }

    /** A relay in front of the part's port, through which every caller reaches it, so that it can be down. */
    private LoopbackProxy front(FaultComponent component, int port) {
        return started(faults.front(component, port));
    }

    /** Closing with faults on would wait on them: on a publish outage, on a stopped trigger. */
    private void switchFaultsOff() {
        try {
            faults.controls().clear();
        } catch (RuntimeException e) {
            log.warn("switching the faults off before stopping failed: {}", e.toString());
        }
    }

    private HttpSettings http(FaultComponent service) {
        return HttpSettings.loopback()
                .withOpenTelemetry(telemetry(serviceName(service)))
                .withRequestGate(faults.requestGate(service));
    }

    private static String serviceName(FaultComponent service) {
        return switch (service) {
            case USER_MATCH -> UserMatchService.NAME;
            case POOLS -> PoolsService.NAME;
            default -> MatchesService.NAME;
        };
    }

    /** Each part traces as its own service, as it would deployed, and the stack hears every span. */
    private OpenTelemetry telemetry(String service) {
        Telemetry telemetry = Telemetry.inProcess(service);
        telemetry.spans().subscribe(this::spanEnded);
        telemetries.add(telemetry);
        return telemetry.openTelemetry();
    }

    private void spanEnded(SpanData span) {
        rejections.spanEnded(span);
        recorder.spanEnded(span);
        spanObservers.forEach(observer -> observer.accept(span));
    }

    private synchronized Publisher handPublisher() {
        if (handPublisher == null) {
            handPublisher = pubsub.clients().publisher(settings.topic());
        }
        return handPublisher;
    }

    private Optional<StackSnapshot.PubSubState> pubsubState() {
        PubSubClients clients = pubsub.clients();
        PubSubTopology topology = settings.topology();
        return pubsub.broker()
                .map(broker -> new StackSnapshot.PubSubState(
                        broker.subscriptionStats(clients.subscriptionName(topology.subscription())
                                .toString()),
                        broker.subscriptionStats(clients.subscriptionName(topology.deadLetterSubscription())
                                .toString())));
    }

    private <T extends AutoCloseable> T started(T part) {
        running.push(part);
        return part;
    }

    /**
     * What still moves through a stack.
     *
     * @param pendingEvents events in User-Match's outbox not yet published
     * @param unsettledMessages published messages neither acknowledged nor dead-lettered yet
     * @param deliveriesInFlight POSTs of the trigger to the function under way
     * @param heldByPubSub messages the embedded server holds for the trigger (waiting or leased); 0 elsewhere
     */
    public record Quiescence(int pendingEvents, int unsettledMessages, int deliveriesInFlight, long heldByPubSub) {

        /** True when nothing moves. */
        public boolean isQuiet() {
            return pendingEvents == 0 && unsettledMessages == 0 && deliveriesInFlight == 0 && heldByPubSub == 0;
        }
    }
}
