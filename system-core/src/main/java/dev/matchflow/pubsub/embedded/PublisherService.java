package dev.matchflow.pubsub.embedded;

import com.google.protobuf.Empty;
import com.google.pubsub.v1.DeleteTopicRequest;
import com.google.pubsub.v1.GetTopicRequest;
import com.google.pubsub.v1.ListTopicSubscriptionsRequest;
import com.google.pubsub.v1.ListTopicSubscriptionsResponse;
import com.google.pubsub.v1.ListTopicsRequest;
import com.google.pubsub.v1.ListTopicsResponse;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublishResponse;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.Topic;
import com.google.pubsub.v1.UpdateTopicRequest;
import io.grpc.stub.StreamObserver;

/**
 * The {@code google.pubsub.v1.Publisher} gRPC service over a {@link Broker}. Snapshots, schemas and topic
 * detachment are not implemented and answer UNIMPLEMENTED.
 */
public final class PublisherService extends PublisherGrpc.PublisherImplBase {

    private final Broker broker;

    public PublisherService(Broker broker) {
        this.broker = broker;
    }

    @Override
    public void createTopic(Topic request, StreamObserver<Topic> responses) {
        Unary.answer(responses, "CreateTopic", () -> broker.createTopic(request));
    }

    @Override
    public void updateTopic(UpdateTopicRequest request, StreamObserver<Topic> responses) {
        Unary.answer(responses, "UpdateTopic", () -> broker.updateTopic(request));
    }

    @Override
    public void publish(PublishRequest request, StreamObserver<PublishResponse> responses) {
        Unary.answer(responses, "Publish", () -> broker.publish(request));
    }

    @Override
    public void getTopic(GetTopicRequest request, StreamObserver<Topic> responses) {
        Unary.answer(responses, "GetTopic", () -> broker.getTopic(request.getTopic()));
    }

    @Override
    public void listTopics(ListTopicsRequest request, StreamObserver<ListTopicsResponse> responses) {
        Unary.answer(responses, "ListTopics", () -> broker.listTopics(request));
    }

    @Override
    public void listTopicSubscriptions(
            ListTopicSubscriptionsRequest request, StreamObserver<ListTopicSubscriptionsResponse> responses) {
        Unary.answer(responses, "ListTopicSubscriptions", () -> broker.listTopicSubscriptions(request));
    }

    @Override
    public void deleteTopic(DeleteTopicRequest request, StreamObserver<Empty> responses) {
        Unary.answer(responses, "DeleteTopic", () -> {
            broker.deleteTopic(request.getTopic());
            return Empty.getDefaultInstance();
        });
    }
}
