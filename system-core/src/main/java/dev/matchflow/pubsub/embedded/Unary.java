package dev.matchflow.pubsub.embedded;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a unary call from the broker: its result, its API error, or INTERNAL for anything unexpected. */
final class Unary {

    private static final Logger LOG = LoggerFactory.getLogger(Unary.class);

    private Unary() {}

    static <T> void answer(StreamObserver<T> responses, String method, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (StatusRuntimeException e) {
            LOG.debug(
                    "{} answered {}: {}",
                    method,
                    e.getStatus().getCode(),
                    e.getStatus().getDescription());
            responses.onError(e);
            return;
        } catch (RuntimeException e) {
            LOG.error("{} failed unexpectedly", method, e);
            responses.onError(Status.INTERNAL
                    .withDescription(method + " failed in the embedded Pub/Sub server: " + e)
                    .asRuntimeException());
            return;
        }
        responses.onNext(result);
        responses.onCompleted();
    }
}
