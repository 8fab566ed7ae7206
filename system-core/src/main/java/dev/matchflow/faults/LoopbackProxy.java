package dev.matchflow.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP relay on a 127.0.0.1 port of its own in front of one part of the stack, which callers reach through it. It
 * passes bytes both ways untouched, so the part is down for real when the relay refuses: it stops listening and cuts
 * every open connection, and callers get "connection refused" until it listens again on the same port. It may also
 * hold every chunk of bytes for a latency, and it can be pointed at a new port when the part behind it restarts.
 */
public final class LoopbackProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoopbackProxy.class);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int CHUNK_BYTES = 16 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int REBIND_ATTEMPTS = 50;
    private static final long REBIND_PAUSE_MILLIS = 20;
    private static final long ACCEPTOR_STOP_MILLIS = 5_000;

    private final String name;
    private final Supplier<Duration> latency;
    private final ExecutorService pumps;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int backendPort;
    private int port;
    private ServerSocket listener;
    private Thread acceptor;

    private LoopbackProxy(String name, int backendPort, Supplier<Duration> latency) {
        this.name = name;
        this.backendPort = backendPort;
        this.latency = latency;
        AtomicInteger threads = new AtomicInteger();
        this.pumps = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "proxy-" + name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts relaying a free loopback port to {@code backendPort}, adding {@code latency} to every chunk. */
    static LoopbackProxy start(String name, int backendPort, Supplier<Duration> latency) {
        LoopbackProxy proxy = new LoopbackProxy(name, backendPort, latency);
        proxy.listen(0);
        return proxy;
    }

    /** The port callers connect to. */
    public synchronized int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://" + LOOPBACK.getHostAddress() + ":" + port();
    }

    /** {@code 127.0.0.1:port}. */
    public String endpoint() {
        return LOOPBACK.getHostAddress() + ":" + port();
    }

    /** Relays new connections to {@code newBackendPort} from now on, as when the part behind it restarted. */
    public void retarget(int newBackendPort) {
        backendPort = newBackendPort;
    }

    /**
     * Stops listening and cuts every open connection; callers are refused until {@link #resume()}. It returns once
     * the port refuses: a listening socket closed while its thread waits in {@code accept} still completes handshakes
     * until that thread has left it, so it waits for the accepting thread to end.
     */
    public void refuse() {
        Thread stoppedAcceptor;
        synchronized (this) {
            if (listener == null) {
                return;
            }
            closeQuietly(listener);
            listener = null;
            open.forEach(LoopbackProxy::closeQuietly);
            stoppedAcceptor = acceptor;
        }
        awaitEnd(stoppedAcceptor);
        log.info("proxy {} on port {} refuses connections", name, port());
    }

    /**
     * Listens again on the same port.
     *
     * @throws UncheckedIOException when another process took the port meanwhile
     */
    public synchronized void resume() {
        if (listener != null) {
            return;
        }
        listen(port);
        log.info("proxy {} on port {} accepts connections again", name, port);
    }

    public synchronized boolean isRefusing() {
        return listener == null;
    }

    @Override
    public void close() {
        refuse();
        pumps.shutdownNow();
    }

    private void listen(int wantedPort) {
        ServerSocket socket = bind(wantedPort);
        listener = socket;
        port = socket.getLocalPort();
        acceptor = new Thread(() -> acceptFrom(socket), "proxy-" + name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void awaitEnd(Thread stoppedAcceptor) {
        try {
            stoppedAcceptor.join(ACCEPTOR_STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stoppedAcceptor.isAlive()) {
            log.warn(
                    "proxy {} on port {}: the accepting thread did not stop within {} ms; new connections may still"
                            + " be accepted and are closed at once",
                    name,
                    port(),
                    ACCEPTOR_STOP_MILLIS);
        }
    }

    /** Binds the port; after a refusal the old socket may take a moment to let go of it. */
    private static ServerSocket bind(int wantedPort) {
        for (int attempt = 1; ; attempt++) {
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                try {
                    socket.bind(new InetSocketAddress(LOOPBACK, wantedPort));
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
                return socket;
            } catch (BindException e) {
                if (attempt >= REBIND_ATTEMPTS) {
                    throw new UncheckedIOException(
                            "cannot listen on 127.0.0.1:" + wantedPort + " again: " + e.getMessage()
                                    + "; another process took the port",
                            e);
                }
                pauseBeforeRebind();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on 127.0.0.1:" + wantedPort + ": " + e.getMessage(), e);
            }
        }
    }

    private static void pauseBeforeRebind() {
        try {
            Thread.sleep(REBIND_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listening again", e);
        }
    }

    private void acceptFrom(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                relay(socket.accept(), socket);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("proxy {} could not accept a connection: {}", name, e.toString());
                }
            }
        }
    }

    /** Relays a connection, unless the proxy stopped listening on {@code from} since it accepted the connection. */
    private void relay(Socket caller, ServerSocket from) {
        Socket part = new Socket();
        try {
            part.connect(new InetSocketAddress(LOOPBACK, backendPort), CONNECT_TIMEOUT_MILLIS);
            caller.setTcpNoDelay(true);
            part.setTcpNoDelay(true);
        } catch (IOException e) {
            log.warn(
                    "proxy {} cannot reach port {}: {}; the caller's connection is closed",
                    name,
                    backendPort,
                    e.toString());
            closeQuietly(caller);
            closeQuietly(part);
            return;
        }
        synchronized (this) {
            if (listener != from) {
                closeQuietly(caller);
                closeQuietly(part);
                return;
            }
            open.add(caller);
            open.add(part);
        }
        Connection connection = new Connection(caller, part);
        pumps.execute(() -> pump(caller, part, connection));
        pumps.execute(() -> pump(part, caller, connection));
    }

    /**
     * Copies one direction until its sender ends, then passes the end on; the connection closes once both directions
     * ended. When the receiver stopped reading (a server that refused a request body and answered early), the rest of
     * the bytes are read and dropped, so the answer still comes back the other way, as it would without the relay.
     */
    private void pump(Socket from, Socket to, Connection connection) {
        byte[] chunk = new byte[CHUNK_BYTES];
        boolean receiving = true;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                holdChunk();
                receiving = receiving && passedOn(out, chunk, read);
            }
            endOutput(to);
            connection.directionEnded();
        } catch (IOException cut) {
            log.debug("proxy {} connection cut: {}", name, cut.toString());
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.close();
        }
    }

    /** Passes the end of one direction on; a receiver that is gone already needs no end. */
    private void endOutput(Socket to) {
        try {
            to.shutdownOutput();
        } catch (IOException receiverGone) {
            log.debug("proxy {} receiver already gone: {}", name, receiverGone.toString());
        }
    }

    private boolean passedOn(OutputStream out, byte[] chunk, int length) {
        try {
            out.write(chunk, 0, length);
            out.flush();
            return true;
        } catch (IOException receiverGone) {
            log.debug("proxy {} receiver stopped reading: {}", name, receiverGone.toString());
            return false;
        }
    }

    private void holdChunk() throws InterruptedException {
        Duration hold = latency.get();
        if (!hold.isZero() && !hold.isNegative()) {
            Thread.sleep(hold.toMillis());
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("closing {} failed: {}", closeable, e.toString());
        }
    }

    /** Both sockets of one relayed connection, closed together once both directions ended or one was cut. */
    private final class Connection {

        private final Socket caller;
        private final Socket part;
        private final AtomicInteger directionsOpen = new AtomicInteger(2);

        Connection(Socket caller, Socket part) {
            this.caller = caller;
            this.part = part;
        }

        void directionEnded() {
            if (directionsOpen.decrementAndGet() == 0) {
                close();
            }
        }

        void close() {
            closeQuietly(caller);
            closeQuietly(part);
            open.remove(caller);
            open.remove(part);
        }
    }
}
