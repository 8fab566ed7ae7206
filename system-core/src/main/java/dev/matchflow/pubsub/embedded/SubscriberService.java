package dev.matchflow.pubsub.embedded;

import com.google.protobuf.Empty;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.DeleteSubscriptionRequest;
import com.google.pubsub.v1.GetSubscriptionRequest;
import com.google.pubsub.v1.ListSubscriptionsRequest;
import com.google.pubsub.v1.ListSubscriptionsResponse;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.ModifyPushConfigRequest;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.StreamingPullRequest;
import com.google.pubsub.v1.StreamingPullResponse;
import com.google.pubsub.v1.SubscriberGrpc;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.UpdateSubscriptionRequest;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The {@code google.pubsub.v1.Subscriber} gRPC service over a {@link Broker}, streaming pull included. Snapshots,
 * seek and subscription detachment are not implemented and answer UNIMPLEMENTED.
 */
public final class SubscriberService extends SubscriberGrpc.SubscriberImplBase {

    /** Answer a waiting pull this long before the caller's deadline, so the empty answer still reaches it. */
    private static final Duration DEADLINE_MARGIN = Duration.ofMillis(500);

    private final Broker broker;

    public SubscriberService(Broker broker) {
        this.broker = broker;
    }

    @Override
    public void createSubscription(Subscription request, StreamObserver<Subscription> responses) {
        Unary.answer(responses, "CreateSubscription", () -> broker.createSubscription(request));
    }

    @Override
    public void getSubscription(GetSubscriptionRequest request, StreamObserver<Subscription> responses) {
        Unary.answer(responses, "GetSubscription", () -> broker.getSubscription(request.getSubscription()));
    }

    @Override
    public void updateSubscription(UpdateSubscriptionRequest request, StreamObserver<Subscription> responses) {
        Unary.answer(responses, "UpdateSubscription", () -> broker.updateSubscription(request));
    }

    @Override
    public void listSubscriptions(
            ListSubscriptionsRequest request, StreamObserver<ListSubscriptionsResponse> responses) {
        Unary.answer(responses, "ListSubscriptions", () -> broker.listSubscriptions(request));
    }

    @Override
    public void deleteSubscription(DeleteSubscriptionRequest request, StreamObserver<Empty> responses) {
        Unary.answer(responses, "DeleteSubscription", () -> {
            broker.deleteSubscription(request.getSubscription());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void modifyAckDeadline(ModifyAckDeadlineRequest request, StreamObserver<Empty> responses) {
        Unary.answer(responses, "ModifyAckDeadline", () -> {
            broker.modifyAckDeadline(request);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void acknowledge(AcknowledgeRequest request, StreamObserver<Empty> responses) {
        Unary.answer(responses, "Acknowledge", () -> {
            broker.acknowledge(request);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void modifyPushConfig(ModifyPushConfigRequest request, StreamObserver<Empty> responses) {
        Unary.answer(responses, "ModifyPushConfig", () -> {
            broker.modifyPushConfig(request);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void pull(PullRequest request, StreamObserver<PullResponse> responses) {
        try {
            var pending = broker.pull(request, waitWithinDeadline());
            Context.current().addListener(context -> pending.cancel(false), Runnable::run);
            pending.whenComplete((response, failure) -> answerPull(responses, response, failure));
        } catch (StatusRuntimeException e) {
            responses.onError(e);
        }
    }

    @Override
    public StreamObserver<StreamingPullRequest> streamingPull(StreamObserver<StreamingPullResponse> responses) {
        return new StreamingPullCall(broker, (ServerCallStreamObserver<StreamingPullResponse>) responses);
    }

    private static Duration waitWithinDeadline() {
        Deadline deadline = Context.current().getDeadline();
        if (deadline == null) {
            return Broker.MAX_PULL_WAIT;
        }
        return Duration.ofNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS)).minus(DEADLINE_MARGIN);
    }

    private static void answerPull(StreamObserver<PullResponse> responses, PullResponse response, Throwable failure) {
        if (failure == null) {
            responses.onNext(response);
            responses.onCompleted();
            return;
        }
        if (failure instanceof StatusRuntimeException error) {
            responses.onError(error);
        }
        // Otherwise the caller went away and the pull was cancelled: there is nobody to answer.
    }
}
