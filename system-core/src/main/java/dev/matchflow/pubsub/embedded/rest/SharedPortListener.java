package dev.matchflow.pubsub.embedded.rest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening port that serves both forms of the Pub/Sub API, as Google's emulator does: gRPC (HTTP/2 with prior
 * knowledge) and the REST form (HTTP/1.1 + JSON) that {@code gcloud} uses.
 *
 * <p>How: a Netty server reads the first bytes of each connection ({@link ProtocolSniffer}). An HTTP/1.1 connection
 * gets an HTTP codec in front of the {@link RestGateway}. An HTTP/2 connection is relayed byte for byte to the gRPC
 * server, which listens on its own loopback port; the relay's connection to it runs on the client connection's event
 * loop, so each read costs one write on the same thread.
 *
 * <p>Why a relay rather than handing the socket to gRPC: grpc-netty accepts connections only through its own server
 * bootstrap, and the hook that would let us choose the pipeline per connection (its protocol negotiator) is marked
 * internal, without a compatibility promise. Relaying keeps gRPC's server exactly as it is (HTTP/2 flow control,
 * keepalive, graceful shutdown) and never lets an HTTP/1.1 connection reach it. Relaying to an in-JVM
 * {@code LocalAddress} instead of a loopback port would not stay on one thread: Netty's NIO event loops cannot carry
 * local channels, so each read would cross to another event loop and back.
 */
public final class SharedPortListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedPortListener.class);

    private final String host;
    private final int port;
    private final EventLoopGroup eventLoops;
    private final Channel serverChannel;
    private final ChannelGroup connections;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SharedPortListener(
            String host, int port, EventLoopGroup eventLoops, Channel serverChannel, ChannelGroup connections) {
        this.host = host;
        this.port = port;
        this.eventLoops = eventLoops;
        this.serverChannel = serverChannel;
        this.connections = connections;
    }

    /**
     * Listens on {@code host:port} (port 0 picks a free port) for gRPC, relayed to {@code grpcServer}, and for the
     * REST form, served by {@code gateway}.
     *
     * @throws UncheckedIOException when the port cannot be bound, for example because it is in use
     */
    public static SharedPortListener start(String host, int port, InetSocketAddress grpcServer, RestGateway gateway) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(grpcServer, "grpcServer");
        Objects.requireNonNull(gateway, "gateway");
        EventLoopGroup eventLoops = new MultiThreadIoEventLoopGroup(
                Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("pubsub-port", true),
                NioIoHandler.newFactory());
        ChannelGroup connections = new DefaultChannelGroup("pubsub-port", GlobalEventExecutor.INSTANCE);

        ChannelFuture bound = new ServerBootstrap()
                .group(eventLoops)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ConnectionSetup(connections, grpcServer, gateway))
                .bind(host, port)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
            throw cannotListen(host, port, bound.cause());
        }

        int boundPort = ((InetSocketAddress) bound.channel().localAddress()).getPort();
        LOG.info(
                "Pub/Sub listening on {}:{}: gRPC (relayed to {}:{}) and REST (HTTP/1.1 JSON)",
                host,
                boundPort,
                grpcServer.getHostString(),
                grpcServer.getPort());
        return new SharedPortListener(host, boundPort, eventLoops, bound.channel(), connections);
    }

    public String host() {
        return host;
    }

    /** The bound port: the one asked for, or the free port chosen when 0 was asked for. */
    public int port() {
        return port;
    }

    /** Stops listening and closes every open connection. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
        eventLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
        LOG.info("Pub/Sub on {}:{} stopped listening", host, port);
    }

    private static UncheckedIOException cannotListen(String host, int port, Throwable cause) {
        String message = "Cannot listen for Pub/Sub on " + host + ":" + port + " (" + cause.getMessage()
                + "). Stop what uses this port or choose another one (port 0 picks a free one).";
        return new UncheckedIOException(message, cause instanceof IOException io ? io : new IOException(cause));
    }

    /** Puts each new connection in the group closed on {@link #close()} and lets the sniffer decide its protocol. */
    private static final class ConnectionSetup extends ChannelInitializer<SocketChannel> {

        private final ChannelGroup connections;
        private final InetSocketAddress grpcServer;
        private final RestGateway gateway;

        ConnectionSetup(ChannelGroup connections, InetSocketAddress grpcServer, RestGateway gateway) {
            this.connections = connections;
            this.grpcServer = grpcServer;
            this.gateway = gateway;
        }

        @Override
        protected void initChannel(SocketChannel connection) {
            connections.add(connection);
            connection.pipeline().addLast("sniffer", new ProtocolSniffer(grpcServer, gateway));
        }
    }
}
