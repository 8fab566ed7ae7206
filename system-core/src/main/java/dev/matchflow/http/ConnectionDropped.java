package dev.matchflow.http;

/**
 * Ends a request without any answer: the server closes the connection, as a server process that dies in the
 * middle of a request would. The caller sees the connection reset, never a status.
 */
public class ConnectionDropped extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConnectionDropped(String why) {
        super(why);
    }
}
