package dev.matchflow.faults;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The faults that are on, where every injection point looks them up on every call. */
final class FaultBoard {

    /** A component and a kind of fault: at most one fault of each is on at a time. */
    record Key(FaultComponent component, FaultKind kind) {}

    private final Map<Key, ArmedFault> armed = new ConcurrentHashMap<>();

    Optional<ArmedFault> armed(FaultComponent component, FaultKind kind) {
        return Optional.ofNullable(armed.get(new Key(component, kind)));
    }

    void arm(ArmedFault fault) {
        armed.put(new Key(fault.fault().component(), fault.fault().kind()), fault);
    }

    void disarm(FaultComponent component, FaultKind kind) {
        armed.remove(new Key(component, kind));
    }

    int size() {
        return armed.size();
    }
}
