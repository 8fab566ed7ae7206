package dev.matchflow.pubsub.embedded;

import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.StreamingPullRequest;
import com.google.pubsub.v1.StreamingPullResponse;
import com.google.pubsub.v1.SubscriberGrpc;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A streaming pull driven by hand through the generated stub, recording what the server sends. */
final class RawStream implements ClientResponseObserver<StreamingPullRequest, StreamingPullResponse> {

    private final List<StreamingPullResponse> responses = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Status> closed = new CompletableFuture<>();
    private ClientCallStreamObserver<StreamingPullRequest> requests;

    private RawStream() {}

    static RawStream open(SubscriberGrpc.SubscriberStub stub, StreamingPullRequest first) {
        RawStream stream = new RawStream();
        stub.streamingPull(stream);
        stream.send(first);
        return stream;
    }

    static StreamingPullRequest firstRequest(String subscription, int maxOutstandingMessages) {
        return StreamingPullRequest.newBuilder()
                .setSubscription(subscription)
                .setStreamAckDeadlineSeconds(60)
                .setClientId("raw-stream")
                .setMaxOutstandingMessages(maxOutstandingMessages)
                .build();
    }

    synchronized void send(StreamingPullRequest request) {
        requests.onNext(request);
    }

    void cancel() {
        requests.cancel("test is done with the stream", null);
    }

    List<StreamingPullResponse> responses() {
        return responses;
    }

    List<ReceivedMessage> messages() {
        return responses.stream()
                .flatMap(response -> response.getReceivedMessagesList().stream())
                .toList();
    }

    CompletableFuture<Status> closed() {
        return closed;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<StreamingPullRequest> requestStream) {
        this.requests = requestStream;
    }

    @Override
    public void onNext(StreamingPullResponse response) {
        responses.add(response);
    }

    @Override
    public void onError(Throwable error) {
        closed.complete(Status.fromThrowable(error));
    }

    @Override
    public void onCompleted() {
        closed.complete(Status.OK);
    }
}
