package dev.matchflow.http;

/**
 * Looks at every request a server takes before the request reaches its route, and may hold it, answer it with an
 * error or drop its connection. Deployed services use {@link #OPEN}; the simulator installs gates to make a service
 * slow, failing or down on purpose.
 */
@FunctionalInterface
public interface RequestGate {

    /** Lets every request through at once. */
    RequestGate OPEN = (method, path) -> {};

    /**
     * Called on the request's thread before routing. Returns to let the request through (after waiting, for a slow
     * service), throws {@link ApiException} to answer it with that error, or {@link ConnectionDropped} to close the
     * connection without an answer.
     */
    void admit(String method, String path) throws InterruptedException;
}
