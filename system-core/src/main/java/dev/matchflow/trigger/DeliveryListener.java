package dev.matchflow.trigger;

/** Hears about every delivery the trigger makes, e.g. to show it in the console; called on an HTTP client thread. */
@FunctionalInterface
public interface DeliveryListener {

    /** Must return quickly and not throw; a listener that throws is logged and skipped. */
    void delivered(Delivery delivery);
}
