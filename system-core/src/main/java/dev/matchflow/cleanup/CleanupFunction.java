package dev.matchflow.cleanup;

import com.google.cloud.functions.CloudEventsFunction;
import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.events.DecodedMessage;
import dev.matchflow.events.EventCodec;
import dev.matchflow.events.InvalidEnvelopeException;
import dev.matchflow.events.MessagePublishedData;
import dev.matchflow.events.PoolMemberRemoved;
import dev.matchflow.observability.Telemetry;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a user's non-accepted matches in a pool when a {@code pool_member_removed} event arrives, by calling
 * Matches' internal cleanup endpoint. It holds no database access.
 *
 * <p>It is a Cloud Functions Gen2 function as it is: deploy it with the entry point {@code
 * dev.matchflow.cleanup.CleanupFunction} and an Eventarc trigger on the topic; it reads its settings as
 * {@link CleanupSettings#fromEnvironment()} describes.
 *
 * <p>Outcomes, and what the delivery does:
 *
 * <ul>
 *   <li>cleaned (also when Matches reports a duplicate): returns, the message is acknowledged;
 *   <li>rejected, when no retry can help (the CloudEvent holds no Pub/Sub message, the event breaks the
 *       contract, or Matches answers 400/404 for its ids): logged with the reason, counted, and returns so the
 *       message is acknowledged instead of being retried until it is dead-lettered;
 *   <li>failed, when a later attempt may succeed (Matches unreachable, slow, 5xx, or refusing the token): throws
 *       {@link CleanupFailedException}, so the delivery is retried and finally dead-lettered. A refused token is
 *       retried rather than acknowledged on purpose: it is a misconfiguration, and acknowledging would silently
 *       drop every cleanup until it is fixed, whereas dead letters can be redriven once it is.
 * </ul>
 *
 * <p>Each invocation is a span, continuing the trace of the CloudEvent's {@code traceparent} extension or else of
 * the message's {@value Telemetry#MESSAGE_TRACEPARENT} attribute, with the event's ids, the outcome and the counts;
 * the call to Matches carries its context. While it runs, its log lines have {@code trace_id}, {@code event_id}
 * and {@code message_id} in the MDC.
 */
public class CleanupFunction implements CloudEventsFunction {

    /** The function's name as a traced service. */
    public static final String NAME = "cleanup-function";

    /** The name of each invocation's span. */
    public static final String INVOCATION_SPAN = "cleanup";

    private static final Logger LOG = LoggerFactory.getLogger(CleanupFunction.class);
    private static final String INVALID_ENVELOPE = "invalid_envelope";

    private final MatchesClient matches;
    private final CleanupMetrics metrics;
    private final InvocationTracing tracing;

    /**
     * The constructor the Functions Framework calls: settings from the environment, the global meter registry, and
     * its own {@link Telemetry}, exporting over OTLP when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set.
     */
    public CleanupFunction() {
        this(
                CleanupSettings.fromEnvironment(),
                Metrics.globalRegistry,
                Telemetry.create(NAME, System.getenv()).closeAtExit(NAME).openTelemetry());
    }

    /** A function that traces nothing. */
    public CleanupFunction(CleanupSettings settings, MeterRegistry registry) {
        this(settings, registry, OpenTelemetry.noop());
    }

    /** A function that traces its invocations with {@code openTelemetry}, for example a {@link Telemetry}'s. */
    public CleanupFunction(CleanupSettings settings, MeterRegistry registry, OpenTelemetry openTelemetry) {
        this.matches = new MatchesClient(settings, openTelemetry);
        this.metrics = new CleanupMetrics(registry);
        this.tracing = new InvocationTracing(openTelemetry);
        LOG.info("cleanup function ready, calling Matches at {}", settings.matchesServiceUrl());
    }

    @Override
    public void accept(CloudEvent cloudEvent) throws CleanupFailedException, InterruptedException {
        Timer.Sample sample = metrics.invoked();
        CleanupMetrics.Outcome outcome = CleanupMetrics.Outcome.FAILED;
        try {
            outcome = handle(cloudEvent);
        } finally {
            metrics.finished(sample, outcome);
        }
    }

    private CleanupMetrics.Outcome handle(CloudEvent cloudEvent) throws CleanupFailedException, InterruptedException {
        MessagePublishedData delivery;
        try {
            delivery = delivery(cloudEvent);
        } catch (InvalidEnvelopeException e) {
            return traced(
                    cloudEvent,
                    Map.of(),
                    cloudEvent.getId(),
                    () -> reject(INVALID_ENVELOPE, e.getMessage(), cloudEvent.getId(), Optional.empty()));
        }
        PubsubMessage message = delivery.message();
        String messageId = message.getMessageId().isEmpty() ? cloudEvent.getId() : message.getMessageId();

        return traced(
                cloudEvent,
                message.getAttributesMap(),
                messageId,
                () -> process(message, messageId, delivery.deliveryAttempt()));
    }

    private CleanupMetrics.Outcome traced(
            CloudEvent cloudEvent, Map<String, String> messageAttributes, String messageId, Invocation invocation)
            throws CleanupFailedException, InterruptedException {
        Span span = tracing.start(cloudEvent, messageAttributes, messageId);
        CleanupMetrics.Outcome outcome = CleanupMetrics.Outcome.FAILED;

        try (Scope ignored = span.makeCurrent()) {
            outcome = invocation.run();
            return outcome;
        } catch (CleanupFailedException | InterruptedException | RuntimeException e) {
            InvocationTracing.threw(span, e);
            throw e;
        } finally {
            InvocationTracing.end(span, outcome);
        }
    }

    private CleanupMetrics.Outcome process(PubsubMessage message, String messageId, int attempt)
            throws CleanupFailedException, InterruptedException {
        DecodedMessage decoded =
                EventCodec.decode(message.getData().toByteArray(), message.getAttributesMap(), messageId);

        if (decoded instanceof DecodedMessage.Rejected rejected) {
            return reject(rejected.reason().code(), rejected.message(), messageId, rejected.eventId());
        }
        PoolMemberRemoved event = ((DecodedMessage.Accepted) decoded).event();
        InvocationTracing.decoded(event);
        return cleanUp(event, messageId, attempt);
    }

    private static MessagePublishedData delivery(CloudEvent cloudEvent) throws InvalidEnvelopeException {
        if (!MessagePublishedData.CLOUD_EVENT_TYPE.equals(cloudEvent.getType())) {
            throw new InvalidEnvelopeException("CloudEvent type '" + cloudEvent.getType() + "' is not "
                    + MessagePublishedData.CLOUD_EVENT_TYPE + "; point the trigger at the Pub/Sub topic");
        }
        byte[] data = cloudEvent.getData() == null ? null : cloudEvent.getData().toBytes();
        return MessagePublishedData.fromJson(data);
    }

    private CleanupMetrics.Outcome cleanUp(PoolMemberRemoved event, String messageId, int attempt)
            throws CleanupFailedException, InterruptedException {
        MatchesAnswer answer;
        try {
            answer = matches.cleanup(event);
        } catch (MatchesUnavailableException e) {
            throw failed(event, messageId, attempt, e);
        }

        if (answer instanceof MatchesAnswer.Refused refused) {
            String reason = "Matches answered " + refused.status() + " " + refused.code() + ": " + refused.message();
            return reject(
                    refused.reason(),
                    reason,
                    messageId,
                    Optional.of(event.eventId().toString()));
        }
        return cleaned(event, messageId, ((MatchesAnswer.Cleaned) answer).counts());
    }

    private CleanupMetrics.Outcome cleaned(PoolMemberRemoved event, String messageId, CleanupCounts counts) {
        metrics.cleaned(counts);
        InvocationTracing.cleaned(counts);
        LOG.info(
                "cleanup done event_id={} message_id={} user_id={} pool_id={} matches_deleted={}"
                        + " decisions_deleted={} accepted_kept={} duplicate={}",
                event.eventId(),
                messageId,
                event.userId(),
                event.poolId(),
                counts.matchesDeleted(),
                counts.decisionsDeleted(),
                counts.acceptedKept(),
                counts.duplicate());
        return counts.duplicate() ? CleanupMetrics.Outcome.DUPLICATE : CleanupMetrics.Outcome.CLEANED;
    }

    private CleanupMetrics.Outcome reject(String reason, String detail, String messageId, Optional<String> eventId) {
        metrics.rejected(reason);
        InvocationTracing.rejected(reason, eventId);
        LOG.warn(
                "event rejected and acknowledged without cleanup reason={} event_id={} message_id={}: {}",
                reason,
                eventId.orElse("-"),
                messageId,
                detail);
        return CleanupMetrics.Outcome.REJECTED;
    }

    private CleanupFailedException failed(
            PoolMemberRemoved event, String messageId, int attempt, MatchesUnavailableException e) {
        metrics.failed(e.failureCause());
        InvocationTracing.failed(e.failureCause());
        String line = "cleanup failed, delivery will be retried event_id={} message_id={} attempt={} cause={}: {}";
        Object[] arguments = {
            event.eventId(), messageId, attempt, e.failureCause().tag(), e.getMessage()
        };
        if (e.failureCause() == FailureCause.UNAUTHORIZED) {
            LOG.error(line, arguments);
        } else {
            LOG.warn(line, arguments);
        }
        return new CleanupFailedException(
                "cleanup of event " + event.eventId() + " (message " + messageId + ") failed: " + e.getMessage(), e);
    }

    /** One invocation's work, run inside its span. */
    @FunctionalInterface
    private interface Invocation {
        CleanupMetrics.Outcome run() throws CleanupFailedException, InterruptedException;
    }
}
