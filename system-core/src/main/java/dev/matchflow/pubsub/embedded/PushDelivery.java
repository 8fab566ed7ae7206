package dev.matchflow.pubsub.embedded;

import io.grpc.Status;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a push subscription's messages by HTTP POST to its endpoint. 102, 200, 201, 202 and 204 ack the message;
 * any other status, a connection failure or no answer within the ack deadline nacks it, and the retry policy (or the
 * push backoff) decides when it comes again.
 */
final class PushDelivery implements MessageConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(PushDelivery.class);

    private static final Set<Integer> ACK_STATUSES = Set.of(102, 200, 201, 202, 204);

    /** Requests in flight at once per subscription. */
    private static final int MAX_OUTSTANDING = 32;

    private final SubscriptionState subscription;
    private final HttpClient http;
    private final FlowQuota quota = new FlowQuota(MAX_OUTSTANDING, 0);
    private final SerialDrain drain;
    private volatile boolean closed;

    PushDelivery(SubscriptionState subscription, HttpClient http, Executor deliveries) {
        this.subscription = subscription;
        this.http = http;
        this.drain = new SerialDrain(deliveries, this::pushReadyMessages);
    }

    @Override
    public void wake() {
        drain.wake();
    }

    @Override
    public void close(Status status) {
        closed = true;
    }

    private void pushReadyMessages() {
        while (!closed) {
            List<Lease> leases = subscription.lease(quota, MAX_OUTSTANDING, Long.MAX_VALUE, 0);
            if (leases.isEmpty()) {
                return;
            }
            leases.forEach(this::push);
            subscription.recordDelivered(leases);
        }
    }

    private void push(Lease lease) {
        var request = PushRequests.build(subscription.config(), lease);
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> settle(lease, response, failure));
    }

    private void settle(Lease lease, HttpResponse<Void> response, Throwable failure) {
        String messageId = lease.stored().id();
        if (failure == null && ACK_STATUSES.contains(response.statusCode())) {
            LOG.debug("Push of message {} of {} acked with {}", messageId, subscription.name(), response.statusCode());
            subscription.acknowledge(List.of(lease.serial()));
            return;
        }
        String outcome = failure == null ? "status " + response.statusCode() : failure.toString();
        LOG.debug("Push of message {} of {} failed ({}); nacked", messageId, subscription.name(), outcome);
        subscription.nack(List.of(lease.serial()));
    }
}
