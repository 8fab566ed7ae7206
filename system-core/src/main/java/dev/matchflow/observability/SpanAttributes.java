package dev.matchflow.observability;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attributes Matchflow puts on its spans, named once for the code that sets them and the code that reads the
 * span feed. Names follow OpenTelemetry's semantic conventions where one exists; Matchflow's own start with
 * {@code matchflow.}.
 */
public final class SpanAttributes {

    public static final AttributeKey<String> HTTP_REQUEST_METHOD = stringKey("http.request.method");
    public static final AttributeKey<String> HTTP_ROUTE = stringKey("http.route");
    public static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = longKey("http.response.status_code");
    public static final AttributeKey<String> URL_FULL = stringKey("url.full");
    /** The service a client span calls, for example {@code pools}. */
    public static final AttributeKey<String> PEER_SERVICE = stringKey("peer.service");

    public static final AttributeKey<String> MESSAGING_SYSTEM = stringKey("messaging.system");
    public static final AttributeKey<String> MESSAGING_DESTINATION = stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGING_SUBSCRIPTION =
            stringKey("messaging.destination.subscription.name");
    public static final AttributeKey<String> MESSAGING_MESSAGE_ID = stringKey("messaging.message.id");
    public static final AttributeKey<Long> MESSAGING_DELIVERY_ATTEMPT =
            longKey("messaging.gcp_pubsub.message.delivery_attempt");

    public static final AttributeKey<String> CLOUDEVENTS_EVENT_ID = stringKey("cloudevents.event_id");
    public static final AttributeKey<String> CLOUDEVENTS_EVENT_TYPE = stringKey("cloudevents.event_type");

    public static final AttributeKey<String> USER_ID = stringKey("matchflow.user_id");
    public static final AttributeKey<String> POOL_ID = stringKey("matchflow.pool_id");
    public static final AttributeKey<String> MATCH_ID = stringKey("matchflow.match_id");
    /** The {@code event_id} of a {@code pool_member_removed} event. */
    public static final AttributeKey<String> EVENT_ID = stringKey("matchflow.event_id");
    /** How a hop ended: {@code acked} or {@code nacked} for a delivery; cleaned, duplicate, rejected, failed. */
    public static final AttributeKey<String> OUTCOME = stringKey("matchflow.outcome");

    public static final AttributeKey<String> REJECTION_REASON = stringKey("matchflow.rejection_reason");
    public static final AttributeKey<String> FAILURE_CAUSE = stringKey("matchflow.failure_cause");
    public static final AttributeKey<Long> MATCHES_DELETED = longKey("matchflow.matches_deleted");
    public static final AttributeKey<Long> DECISIONS_DELETED = longKey("matchflow.decisions_deleted");
    public static final AttributeKey<Long> ACCEPTED_KEPT = longKey("matchflow.accepted_kept");
    public static final AttributeKey<Boolean> DUPLICATE = booleanKey("matchflow.duplicate");

    private SpanAttributes() {}
}
