package dev.matchflow.pubsub.embedded;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The errors the engine answers with, as gRPC statuses with the codes the real service uses. The REST form maps the
 * same codes to HTTP statuses.
 */
final class ApiErrors {

    private ApiErrors() {}

    static StatusRuntimeException invalidArgument(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }

    static StatusRuntimeException outOfRange(String message) {
        return Status.OUT_OF_RANGE.withDescription(message).asRuntimeException();
    }

    static StatusRuntimeException notFound(String message) {
        return Status.NOT_FOUND.withDescription(message).asRuntimeException();
    }

    static StatusRuntimeException alreadyExists(String message) {
        return Status.ALREADY_EXISTS.withDescription(message).asRuntimeException();
    }

    static StatusRuntimeException unimplemented(String message) {
        return Status.UNIMPLEMENTED.withDescription(message).asRuntimeException();
    }

    static StatusRuntimeException subscriptionNotFound(String subscription) {
        return notFound("Subscription does not exist (resource=" + subscription + ")");
    }

    static StatusRuntimeException topicNotFound(String topic) {
        return notFound("Topic not found (resource=" + topic + ")");
    }
}
