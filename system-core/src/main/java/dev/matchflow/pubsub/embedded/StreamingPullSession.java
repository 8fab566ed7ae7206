package dev.matchflow.pubsub.embedded;

import com.google.pubsub.v1.StreamingPullRequest;
import com.google.pubsub.v1.StreamingPullResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open streaming pull: messages are pushed to the stream as soon as they are ready, within the flow control the
 * client asked for. One drain at a time writes to the stream, so responses batch naturally under load. Leases outlive
 * the stream: a message delivered on a stream that closes stays leased until its deadline.
 */
final class StreamingPullSession implements MessageConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingPullSession.class);

    private static final int MAX_MESSAGES_PER_RESPONSE = 1_000;

    /** Keeps responses under the 4 MiB a gRPC channel accepts by default; a larger message still goes alone. */
    private static final long MAX_RESPONSE_BYTES = 3L * 1024 * 1024;

    private final Broker broker;
    private final SubscriptionState subscription;
    private final ServerCallStreamObserver<StreamingPullResponse> responses;
    private final FlowQuota quota;
    private final String clientId;
    private final SerialDrain drain;
    private final AtomicBoolean keepalivePending = new AtomicBoolean();
    private volatile int ackDeadlineSeconds;
    private volatile Status closing;
    private volatile boolean ended;

    StreamingPullSession(
            Broker broker,
            SubscriptionState subscription,
            ServerCallStreamObserver<StreamingPullResponse> responses,
            StreamingPullRequest first,
            Executor deliveries) {
        this.broker = broker;
        this.drain = new SerialDrain(deliveries, this::sendReadyMessages);
        this.subscription = subscription;
        this.responses = responses;
        this.quota = new FlowQuota(first.getMaxOutstandingMessages(), first.getMaxOutstandingBytes());
        this.clientId = first.getClientId();
        this.ackDeadlineSeconds = first.getStreamAckDeadlineSeconds();
    }

    /** Applies the acks, deadline changes and keepalives a request of the stream carries. */
    void handle(StreamingPullRequest request) {
        if (request.getModifyDeadlineSecondsCount() != request.getModifyDeadlineAckIdsCount()) {
            throw ApiErrors.invalidArgument("modify_deadline_seconds has " + request.getModifyDeadlineSecondsCount()
                    + " entries but modify_deadline_ack_ids has " + request.getModifyDeadlineAckIdsCount()
                    + "; send one deadline per ack id");
        }
        if (request.getStreamAckDeadlineSeconds() != 0) {
            ackDeadlineSeconds = Broker.checkStreamAckDeadline(request.getStreamAckDeadlineSeconds());
        }
        if (request.getAckIdsCount() > 0) {
            subscription.acknowledge(broker.leaseSerials(subscription, request.getAckIdsList()));
        }
        modifyDeadlines(request);
        if (isKeepalive(request)) {
            keepalivePending.set(true);
            wake();
        }
    }

    @Override
    public void wake() {
        drain.wake();
    }

    @Override
    public void close(Status status) {
        closing = status;
        wake();
    }

    /** The client went away: stop sending; what was delivered stays leased until its deadline. */
    void cancelled() {
        ended = true;
        subscription.removeConsumer(this);
        LOG.debug("Streaming pull of client {} on {} cancelled", clientId, subscription.name());
    }

    private void sendReadyMessages() {
        while (!ended) {
            if (closing != null) {
                end(closing);
                return;
            }
            List<Lease> leases =
                    subscription.lease(quota, MAX_MESSAGES_PER_RESPONSE, MAX_RESPONSE_BYTES, ackDeadlineSeconds);
            if (leases.isEmpty()) {
                answerKeepalive();
                return;
            }
            send(leases);
        }
    }

    private void send(List<Lease> leases) {
        if (ended || responses.isCancelled()) {
            subscription.returnUndelivered(leases);
            return;
        }
        var response = StreamingPullResponse.newBuilder().setSubscriptionProperties(properties());
        leases.forEach(lease -> response.addReceivedMessages(subscription.toReceivedMessage(lease)));
        keepalivePending.set(false);
        responses.onNext(response.build());
        subscription.recordDelivered(leases);
    }

    private void answerKeepalive() {
        if (keepalivePending.compareAndSet(true, false) && !responses.isCancelled()) {
            responses.onNext(StreamingPullResponse.newBuilder()
                    .setSubscriptionProperties(properties())
                    .build());
        }
    }

    private void end(Status status) {
        ended = true;
        subscription.removeConsumer(this);
        if (responses.isCancelled()) {
            return;
        }
        if (status.isOk()) {
            responses.onCompleted();
        } else {
            responses.onError(status.asRuntimeException());
        }
        LOG.debug("Streaming pull of client {} on {} ended: {}", clientId, subscription.name(), status);
    }

    private StreamingPullResponse.SubscriptionProperties properties() {
        return StreamingPullResponse.SubscriptionProperties.newBuilder()
                .setMessageOrderingEnabled(subscription.config().getEnableMessageOrdering())
                .build();
    }

    private void modifyDeadlines(StreamingPullRequest request) {
        Map<Integer, List<String>> ackIdsBySeconds = new TreeMap<>();
        for (int i = 0; i < request.getModifyDeadlineAckIdsCount(); i++) {
            int seconds = Broker.checkAckDeadline(request.getModifyDeadlineSeconds(i));
            ackIdsBySeconds.computeIfAbsent(seconds, key -> new ArrayList<>()).add(request.getModifyDeadlineAckIds(i));
        }
        ackIdsBySeconds.forEach((seconds, ackIds) ->
                subscription.modifyAckDeadline(broker.leaseSerials(subscription, ackIds), seconds));
    }

    private static boolean isKeepalive(StreamingPullRequest request) {
        return request.getSubscription().isEmpty()
                && request.getAckIdsCount() == 0
                && request.getModifyDeadlineAckIdsCount() == 0
                && request.getStreamAckDeadlineSeconds() == 0;
    }
}
