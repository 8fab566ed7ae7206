package dev.matchflow.pubsub.embedded.rest;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.SubscriberGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST form (HTTP/1.1 + JSON) of the {@code google.pubsub.v1} Publisher and Subscriber APIs, translated into
 * calls on a gRPC {@link Channel}: {@code PUT /v1/projects/p/topics/t} becomes {@code CreateTopic},
 * {@code POST /v1/projects/p/subscriptions/s:pull} becomes {@code Pull}, and so on for every unary method.
 *
 * <p>The mapping is not written by hand: it is read from the {@code google.api.http} annotations of the service
 * descriptors, the same ones Google's front ends serve. Bodies are the protobuf JSON form ({@link JsonFormat}):
 * answers use camelCase names and leave out default values; requests may use either camelCase or proto field names.
 * Errors are Google's REST error form, {@code {"error":{"code":404,"message":"...","status":"NOT_FOUND"}}}.
 *
 * <p>{@link #handle} never blocks: it starts the gRPC call and completes when the answer arrives. Cancelling the
 * returned future (the HTTP client went away) cancels the gRPC call, so a waiting pull does not outlive its caller.
 */
public final class RestGateway {

    private static final Logger LOG = LoggerFactory.getLogger(RestGateway.class);

    private static final List<RestRoute> ROUTES = Stream.of(
                    PublisherGrpc.getServiceDescriptor(), SubscriberGrpc.getServiceDescriptor())
            .flatMap(service -> RestRoute.of(service).stream())
            .toList();

    private static final JsonFormat.Printer JSON = JsonFormat.printer();

    private final Channel channel;

    /** A gateway whose calls go to the Publisher and Subscriber services behind {@code channel}. */
    public RestGateway(Channel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /** The answer to one REST request; the future always completes with a response, errors included. */
    public CompletableFuture<RestResponse> handle(RestRequest request) {
        if (request.method().equals("GET") && request.rawPath().equals("/")) {
            return CompletableFuture.completedFuture(RestResponse.text("Ok\n"));
        }
        try {
            return call(request);
        } catch (StatusRuntimeException e) {
            LOG.debug("REST {} {} refused: {}", request.method(), request.rawPath(), e.getStatus());
            return CompletableFuture.completedFuture(RestResponse.error(e.getStatus()));
        }
    }

    private CompletableFuture<RestResponse> call(RestRequest request) {
        RouteMatch match = routeFor(request);
        Message grpcRequest = match.route().newRequest(match.pathVariables(), request.rawQuery(), request.body());

        ListenableFuture<Message> reply = ClientCalls.futureUnaryCall(
                channel.newCall(match.route().grpcMethod(), CallOptions.DEFAULT), grpcRequest);

        CompletableFuture<RestResponse> response = new CompletableFuture<>();
        Futures.addCallback(reply, new Answer(request, match.route(), response), MoreExecutors.directExecutor());
        // Once the response is settled, answered or given up by the HTTP client, the call has nothing left to do;
        // cancelling a call that has finished does nothing.
        response.whenComplete((answer, failure) -> reply.cancel(true));
        return response;
    }

    private static RouteMatch routeFor(RestRequest request) {
        List<String> allowedMethods = new ArrayList<>();
        for (RestRoute route : ROUTES) {
            Optional<Map<String, String>> variables = route.path().match(request.rawPath());
            if (variables.isPresent() && route.httpMethod().equals(request.method())) {
                return new RouteMatch(route, variables.get());
            }
            variables.ifPresent(ignored -> allowedMethods.add(route.httpMethod()));
        }
        throw Status.NOT_FOUND
                .withDescription(noRouteMessage(request, allowedMethods))
                .asRuntimeException();
    }

    private static String noRouteMessage(RestRequest request, List<String> allowedMethods) {
        if (allowedMethods.isEmpty()) {
            return "No Pub/Sub REST method at [" + request.rawPath() + "]: paths look like"
                    + " /v1/projects/{project}/topics/{topic} or /v1/projects/{project}/subscriptions/{sub}:pull";
        }
        return "HTTP method " + request.method() + " is not served at [" + request.rawPath() + "]; use one of "
                + allowedMethods;
    }

    private record RouteMatch(RestRoute route, Map<String, String> pathVariables) {}

    /** Completes the REST response from the gRPC reply. */
    private record Answer(RestRequest request, RestRoute route, CompletableFuture<RestResponse> response)
            implements FutureCallback<Message> {

        @Override
        public void onSuccess(Message reply) {
            try {
                response.complete(RestResponse.json(JSON.print(reply)));
                LOG.debug("REST {} {} answered by {}", request.method(), request.rawPath(), grpcMethodName());
            } catch (InvalidProtocolBufferException e) {
                LOG.warn(
                        "REST {} {}: the reply of {} has no JSON form",
                        request.method(),
                        request.rawPath(),
                        grpcMethodName(),
                        e);
                response.complete(RestResponse.error(Status.INTERNAL.withDescription(
                        "The reply of " + grpcMethodName() + " could not be written as JSON: " + e.getMessage())));
            }
        }

        @Override
        public void onFailure(Throwable failure) {
            if (failure instanceof CancellationException) {
                LOG.debug(
                        "REST {} {}: {} cancelled, the client went away",
                        request.method(),
                        request.rawPath(),
                        grpcMethodName());
                return;
            }
            Status status = Status.fromThrowable(failure);
            if (RestResponse.httpStatusOf(status.getCode()) >= 500) {
                LOG.warn(
                        "REST {} {}: {} failed with {}", request.method(), request.rawPath(), grpcMethodName(), status);
            } else {
                LOG.debug("REST {} {}: {} answered {}", request.method(), request.rawPath(), grpcMethodName(), status);
            }
            response.complete(RestResponse.error(status));
        }

        private String grpcMethodName() {
            return route.grpcMethod().getFullMethodName();
        }
    }
}
