package dev.matchflow.stack;

import dev.matchflow.cleanup.CleanupFunction;
import dev.matchflow.events.EventCodec;
import dev.matchflow.faults.FaultChange;
import dev.matchflow.faults.FaultComponent;
import dev.matchflow.matches.MatchesService;
import dev.matchflow.observability.SpanAttributes;
import dev.matchflow.pools.PoolsService;
import dev.matchflow.pubsub.DeadLetterRedrive;
import dev.matchflow.pubsub.PubSubTopology;
import dev.matchflow.pubsub.embedded.BrokerEvent;
import dev.matchflow.usermatch.UserMatchService;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what the stack's parts report (ended spans, and the embedded broker's message events) into the flow
 * events of its {@link FlowFeed}: one event per hop, from the component that made the call to the one that took
 * it.
 *
 * <p>A request from outside the stack is a hop from {@link Component#CLIENT}; reads from outside are left out, as
 * they move nothing. A call from one service to another is known from both sides: the caller's span (which ends
 * last) names the caller, the callee's span names the route. The callee's span waits here until its caller's ends.
 */
final class FlowRecorder {

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final int WAITING_CALLEES = 10_000;

    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("POST /users/{user_id}/pool", "join"),
            Map.entry("DELETE /users/{user_id}/pool", "leave"),
            Map.entry("POST /pools", "create pool"),
            Map.entry("DELETE /pools/{pool_id}", "delete pool"),
            Map.entry("POST /pools/{pool_id}/members", "add member"),
            Map.entry("DELETE /pools/members/{user_id}", "remove member"),
            Map.entry("GET /pools/members/{user_id}", "check membership"),
            Map.entry("POST /matches", "create match"),
            Map.entry("POST /matches/{match_id}/decisions", "decide"),
            Map.entry("DELETE /matches/internal/cleanup/user/{user_id}/pool/{pool_id}", "cleanup"),
            Map.entry("DELETE /matches/internal/cleanup/pool/{pool_id}", "pool cleanup"),
            Map.entry("POST /matches/internal/reconcile", "reconcile"));

    private final FlowFeed feed;
    private final PubSubTopology topology;
    private final Map<String, SpanData> calleesByCaller = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SpanData> eldest) {
            return size() > WAITING_CALLEES;
        }
    };

    FlowRecorder(FlowFeed feed, PubSubTopology topology) {
        this.feed = feed;
        this.topology = topology;
    }

    /** Records an ended span of any part of the stack; called on the thread that ended it. */
    void spanEnded(SpanData span) {
        Optional<Component> service = component(span);
        if (service.isEmpty()) {
            return;
        }
        switch (span.getKind()) {
            case SERVER -> served(span, service.get());
            case CLIENT -> called(span, service.get());
            case PRODUCER -> feed.publish(published(span));
            case CONSUMER -> consumed(span, service.get());
            default -> {
                // Internal spans are steps inside a component, not hops between components.
            }
        }
    }

    /** Records what the embedded broker did with a message of the trigger's subscription. */
    void brokerEvent(BrokerEvent event) {
        if (event.subscription() == null || !event.subscription().endsWith("/" + topology.subscription())) {
            return;
        }
        switch (event.kind()) {
            case DELIVERED -> feed.publish(messageHop(event, Component.TRIGGER, "pull", FlowOutcome.OK));
            case NACKED -> feed.publish(messageHop(event, Component.SUBSCRIPTION, "nack", FlowOutcome.RETRIED));
            case EXPIRED ->
                feed.publish(messageHop(event, Component.SUBSCRIPTION, "lease expired", FlowOutcome.RETRIED));
            case DEAD_LETTERED ->
                feed.publish(messageHop(event, Component.DEAD_LETTER_TOPIC, "dead-letter", FlowOutcome.DEAD_LETTERED));
            default -> {
                // Publishes are recorded from the publisher's side, acks from the trigger's.
            }
        }
    }

    /** Records a message the stack published by hand, as a scenario or an operator asked. */
    void publishedByHand(String messageId, Map<String, String> attributes) {
        feed.publish(new FlowEvent(
                0,
                Instant.now(),
                Component.CLIENT,
                Component.TOPIC,
                "publish",
                FlowOutcome.OK,
                null,
                messageId,
                attributes.get(EventCodec.ATTRIBUTE_USER_ID),
                attributes.get(EventCodec.ATTRIBUTE_POOL_ID),
                null,
                Duration.ZERO,
                "published by hand"));
    }

    /** Records a dead letter published again to the event topic. */
    void redriven(DeadLetterRedrive.Redriven copy) {
        feed.publish(new FlowEvent(
                0,
                Instant.now(),
                Component.DEAD_LETTER_TOPIC,
                Component.TOPIC,
                "redrive",
                FlowOutcome.OK,
                null,
                copy.messageId(),
                copy.attributes().get(EventCodec.ATTRIBUTE_USER_ID),
                copy.attributes().get(EventCodec.ATTRIBUTE_POOL_ID),
                null,
                Duration.ZERO,
                "dead letter " + copy.deadLetterId() + " published again"));
    }

    /** Records a fault switched on or off, as a hop from the operator to the component it strikes. */
    void faultSwitched(FaultChange change) {
        feed.publish(new FlowEvent(
                0,
                change.at(),
                Component.CLIENT,
                struck(change.fault().component()),
                change.on() ? "fault on" : "fault off",
                FlowOutcome.OK,
                null,
                null,
                null,
                null,
                null,
                Duration.ZERO,
                change.fault().describe()));
    }

    private static Component struck(FaultComponent component) {
        return switch (component) {
            case USER_MATCH -> Component.USER_MATCH;
            case POOLS -> Component.POOLS;
            case MATCHES, DATABASE -> Component.MATCHES;
            case FUNCTION -> Component.FUNCTION;
            case TRIGGER -> Component.TRIGGER;
            case PUBSUB -> Component.TOPIC;
        };
    }

    private void served(SpanData span, Component service) {
        boolean calledByAService = span.getParentSpanContext().isValid()
                && span.getParentSpanContext().isRemote();
        if (calledByAService) {
            synchronized (calleesByCaller) {
                calleesByCaller.put(span.getParentSpanId(), span);
            }
            return;
        }
        String method = span.getAttributes().get(SpanAttributes.HTTP_REQUEST_METHOD);
        if (!"GET".equals(method)) {
            feed.publish(httpHop(span, Component.CLIENT, service));
        }
    }

    private void called(SpanData span, Component caller) {
        Optional<SpanData> callee = takeCallee(span);
        Component target = callee.flatMap(FlowRecorder::component)
                .or(() -> componentNamed(span.getAttributes().get(SpanAttributes.PEER_SERVICE)))
                .orElse(Component.CLIENT);
        feed.publish(httpHop(callee.orElse(span), caller, target));
    }

    private void consumed(SpanData span, Component consumer) {
        if (consumer == Component.TRIGGER) {
            feed.publish(delivered(span));
        } else if (consumer == Component.FUNCTION) {
            takeCallee(span);
            feed.publish(cleanedUp(span));
        }
    }

    private Optional<SpanData> takeCallee(SpanData caller) {
        synchronized (calleesByCaller) {
            return Optional.ofNullable(calleesByCaller.remove(caller.getSpanId()));
        }
    }

    private FlowEvent httpHop(SpanData span, Component from, Component to) {
        String route = span.getName();
        Long status = span.getAttributes().get(SpanAttributes.HTTP_RESPONSE_STATUS_CODE);
        FlowOutcome outcome =
                status == null || status >= 500 || span.getStatus().getStatusCode() == StatusCode.ERROR
                        ? FlowOutcome.FAILED
                        : FlowOutcome.OK;
        String detail = status == null ? route + ": no answer" : route + " -> " + status;
        return hop(span, from, to, ACTIONS.getOrDefault(route, route), outcome, detail);
    }

    private FlowEvent published(SpanData span) {
        FlowOutcome outcome =
                span.getStatus().getStatusCode() == StatusCode.ERROR ? FlowOutcome.RETRIED : FlowOutcome.OK;
        return hop(
                span,
                Component.OUTBOX,
                Component.TOPIC,
                "publish",
                outcome,
                span.getStatus().getDescription());
    }

    private FlowEvent delivered(SpanData span) {
        String outcome = span.getAttributes().get(SpanAttributes.OUTCOME);
        Long attempt = span.getAttributes().get(SpanAttributes.MESSAGING_DELIVERY_ATTEMPT);
        boolean acked = "acked".equals(outcome);
        boolean lastAttempt = attempt != null && attempt >= PubSubTopology.MAX_DELIVERY_ATTEMPTS;
        FlowOutcome flowOutcome =
                acked ? FlowOutcome.OK : lastAttempt ? FlowOutcome.DEAD_LETTERED : FlowOutcome.RETRIED;
        String detail = "attempt " + (attempt == null ? "?" : attempt) + ", " + outcome
                + (acked ? "" : ": " + span.getStatus().getDescription());
        return hop(span, Component.TRIGGER, Component.FUNCTION, "deliver", flowOutcome, detail);
    }

    private FlowEvent cleanedUp(SpanData span) {
        String outcome = String.valueOf(span.getAttributes().get(SpanAttributes.OUTCOME));
        return switch (outcome) {
            case "cleaned", "duplicate" ->
                hop(span, Component.FUNCTION, Component.MATCHES, "cleanup", FlowOutcome.OK, counts(span, outcome));
            case "rejected" ->
                hop(
                        span,
                        Component.FUNCTION,
                        Component.FUNCTION,
                        "reject",
                        FlowOutcome.REJECTED,
                        span.getAttributes().get(SpanAttributes.REJECTION_REASON));
            default ->
                hop(
                        span,
                        Component.FUNCTION,
                        Component.MATCHES,
                        "cleanup",
                        FlowOutcome.RETRIED,
                        span.getAttributes().get(SpanAttributes.FAILURE_CAUSE));
        };
    }

    private static String counts(SpanData span, String outcome) {
        return outcome + ": " + span.getAttributes().get(SpanAttributes.MATCHES_DELETED) + " matches and "
                + span.getAttributes().get(SpanAttributes.DECISIONS_DELETED) + " decisions deleted, "
                + span.getAttributes().get(SpanAttributes.ACCEPTED_KEPT) + " accepted kept";
    }

    private static FlowEvent hop(
            SpanData span, Component from, Component to, String action, FlowOutcome outcome, String detail) {
        return new FlowEvent(
                0,
                Instant.ofEpochSecond(0, span.getStartEpochNanos()),
                from,
                to,
                action,
                outcome,
                span.getAttributes().get(SpanAttributes.EVENT_ID),
                span.getAttributes().get(SpanAttributes.MESSAGING_MESSAGE_ID),
                span.getAttributes().get(SpanAttributes.USER_ID),
                span.getAttributes().get(SpanAttributes.POOL_ID),
                span.getTraceId(),
                Duration.ofNanos(span.getEndEpochNanos() - span.getStartEpochNanos()),
                detail);
    }

    private static FlowEvent messageHop(BrokerEvent event, Component to, String action, FlowOutcome outcome) {
        return new FlowEvent(
                0,
                event.at(),
                Component.SUBSCRIPTION,
                to,
                action,
                outcome,
                null,
                event.messageId(),
                event.attributes().get(EventCodec.ATTRIBUTE_USER_ID),
                event.attributes().get(EventCodec.ATTRIBUTE_POOL_ID),
                null,
                Duration.ZERO,
                "attempt " + event.deliveryAttempt());
    }

    private static Optional<Component> component(SpanData span) {
        return componentNamed(span.getResource().getAttribute(SERVICE_NAME));
    }

    private static Optional<Component> componentNamed(String service) {
        if (service == null) {
            return Optional.empty();
        }
        return switch (service) {
            case UserMatchService.NAME -> Optional.of(Component.USER_MATCH);
            case PoolsService.NAME -> Optional.of(Component.POOLS);
            case MatchesService.NAME -> Optional.of(Component.MATCHES);
            case CleanupFunction.NAME -> Optional.of(Component.FUNCTION);
            case SystemStack.TRIGGER_NAME -> Optional.of(Component.TRIGGER);
            default -> Optional.empty();
        };
    }
}
