package dev.matchflow.pubsub.embedded;

import com.google.pubsub.v1.StreamingPullRequest;
import com.google.pubsub.v1.StreamingPullResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * The gRPC side of one streaming pull: the first request opens a session on the broker, later ones carry acks,
 * deadline changes and keepalives. The cancel handler is registered at once, before any message, as gRPC requires.
 */
final class StreamingPullCall implements StreamObserver<StreamingPullRequest> {

    private final Broker broker;
    private final ServerCallStreamObserver<StreamingPullResponse> responses;
    private volatile StreamingPullSession session;

    StreamingPullCall(Broker broker, ServerCallStreamObserver<StreamingPullResponse> responses) {
        this.broker = broker;
        this.responses = responses;
        responses.setOnCancelHandler(this::cancelled);
    }

    @Override
    public void onNext(StreamingPullRequest request) {
        try {
            if (session == null) {
                session = broker.openStreamingPull(request, responses);
            } else {
                session.handle(request);
            }
        } catch (StatusRuntimeException e) {
            fail(e.getStatus());
        }
    }

    @Override
    public void onError(Throwable error) {
        cancelled();
    }

    @Override
    public void onCompleted() {
        if (session == null) {
            responses.onCompleted();
        } else {
            session.close(Status.OK);
        }
    }

    private void fail(Status status) {
        if (session == null) {
            responses.onError(status.asRuntimeException());
        } else {
            session.close(status);
        }
    }

    private void cancelled() {
        if (session != null) {
            session.cancelled();
        }
    }
}
