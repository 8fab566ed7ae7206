package dev.matchflow.faults;

import dev.matchflow.http.ApiException;
import dev.matchflow.http.ConnectionDropped;
import dev.matchflow.http.ErrorCode;
import dev.matchflow.http.RequestGate;
import java.util.Optional;

/**
 * The faults of one HTTP service at its server's boundary: every request waits when the service is slow, and is
 * answered with an error status or cut off when it is down with a status or failing. A down service without a status
 * never sees requests: its {@link LoopbackProxy} refuses them.
 */
final class ServiceFaults implements RequestGate {

    private final FaultComponent service;
    private final FaultBoard board;

    ServiceFaults(FaultComponent service, FaultBoard board) {
        this.service = service;
        this.board = board;
    }

    @Override
    public void admit(String method, String path) throws InterruptedException {
        Optional<ArmedFault> down = board.armed(service, FaultKind.DOWN);
        if (down.isPresent()
                && down.get().parameters().status().isPresent()
                && down.get().strikes()) {
            throw answer(down.get());
        }
        Optional<ArmedFault> slow = board.armed(service, FaultKind.SLOW);
        if (slow.isPresent()) {
            slow.get().hold();
        }
        Optional<ArmedFault> failing = board.armed(service, FaultKind.FAILING);
        if (failing.isPresent() && failing.get().strikes()) {
            if (failing.get().parameters().reset()) {
                throw new ConnectionDropped(service.displayName() + " cut the request off (fault '"
                        + failing.get().fault() + "')");
            }
            throw answer(failing.get());
        }
    }

    private ApiException answer(ArmedFault fault) {
        int status = fault.parameters().status().orElseThrow();
        ErrorCode code = status == ErrorCode.UNAVAILABLE.status() ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL;
        return new ApiException(
                code, service.displayName() + " failed on purpose (fault '" + fault.fault() + "'); try again later");
    }
}
