package dev.matchflow.pubsub.embedded;

import com.google.pubsub.v1.PullResponse;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A unary pull: answers at once with what is ready, or waits for the first messages to arrive until its wait runs
 * out and then answers empty, as the real service does when {@code return_immediately} is false.
 */
final class PendingPull implements MessageConsumer {

    /** Keeps responses under the 4 MiB a gRPC channel accepts by default; a larger message still goes alone. */
    private static final long MAX_RESPONSE_BYTES = 3L * 1024 * 1024;

    private final SubscriptionState subscription;
    private final int maxMessages;
    private final CompletableFuture<PullResponse> response = new CompletableFuture<>();

    private PendingPull(SubscriptionState subscription, int maxMessages) {
        this.subscription = subscription;
        this.maxMessages = maxMessages;
        response.whenComplete((answer, error) -> subscription.removeConsumer(this));
    }

    /**
     * Starts a pull; the future completes with the messages, empty after {@code maxWait}, or fails when the
     * subscription is deleted. Cancelling the future abandons the pull.
     */
    static CompletableFuture<PullResponse> start(
            SubscriptionState subscription, int maxMessages, Duration maxWait, DeliveryRuntime runtime) {
        var pull = new PendingPull(subscription, maxMessages);
        pull.wake();
        if (pull.response.isDone()) {
            return pull.response;
        }
        if (maxWait.isZero() || !subscription.addConsumer(pull)) {
            pull.answer(List.of());
            return pull.response;
        }
        pull.wake();
        runtime.timer().schedule(() -> pull.answer(List.of()), maxWait.toNanos(), TimeUnit.NANOSECONDS);
        return pull.response;
    }

    @Override
    public synchronized void wake() {
        if (response.isDone()) {
            return;
        }
        int ackDeadlineSeconds = subscription.config().getAckDeadlineSeconds();
        List<Lease> leases =
                subscription.lease(FlowQuota.unlimited(), maxMessages, MAX_RESPONSE_BYTES, ackDeadlineSeconds);
        if (!leases.isEmpty()) {
            answer(leases);
        }
    }

    @Override
    public synchronized void close(Status status) {
        response.completeExceptionally(status.asRuntimeException());
    }

    private synchronized void answer(List<Lease> leases) {
        var answer = PullResponse.newBuilder();
        leases.forEach(lease -> answer.addReceivedMessages(subscription.toReceivedMessage(lease)));
        if (response.complete(answer.build())) {
            subscription.recordDelivered(leases);
        } else if (!leases.isEmpty()) {
            subscription.returnUndelivered(leases);
        }
    }
}
