package dev.matchflow.usermatch;

import dev.matchflow.testing.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback port that leads to a server while it is open and to nothing while it is closed: clients of the
 * port see the server go away (connections reset, new ones refused) and come back on the same port.
 */
final class TcpForwarder implements AutoCloseable {

    private final int port = FreePorts.unused();
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket listener;

    /** A closed forwarder to the server on {@code targetPort}; nothing listens on its port yet. */
    TcpForwarder(int targetPort) {
        this.targetPort = targetPort;
    }

    /** Where clients connect, {@code 127.0.0.1:PORT}. */
    String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** Starts listening on the port and forwarding what arrives. */
    synchronized void open() {
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        ServerSocket accepting = listener;
        daemon("forwarder-" + port + "-accept", () -> accept(accepting));
    }

    /** Stops listening and cuts every forwarded connection. */
    @Override
    public synchronized void close() {
        closeQuietly(listener);
        sockets.forEach(TcpForwarder::closeQuietly);
        sockets.clear();
    }

    private void accept(ServerSocket accepting) {
        while (!accepting.isClosed()) {
            try {
                forward(accepting.accept());
            } catch (IOException listenerClosed) {
                // close() ended the forwarding.
            }
        }
    }

    private void forward(Socket client) {
        sockets.add(client);
        try {
            Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(server);
            daemon("forwarder-" + port + "-up", () -> pump(client, server));
            daemon("forwarder-" + port + "-down", () -> pump(server, client));
        } catch (IOException serverRefused) {
            closeQuietly(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException connectionCut) {
            // One side went away; closing both ends tells the other side.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
