package dev.matchflow.pubsub.embedded.rest;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects an HTTP/2 client connection to the gRPC server and then gives way to two {@link Relay}s, one per direction.
 * Bytes that arrive before the gRPC server has accepted are kept and sent first.
 *
 * <p>The connection to the gRPC server runs on the client connection's own event loop, so relaying a read is a
 * write on the same thread, without a hand-off.
 */
final class GrpcRelay extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcRelay.class);

    private final InetSocketAddress grpcServer;
    private final List<Object> early = new ArrayList<>();

    GrpcRelay(InetSocketAddress grpcServer) {
        this.grpcServer = grpcServer;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        client.config().setAutoRead(false);

        new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new Relay(client))
                .connect(grpcServer)
                .addListener((ChannelFuture connected) -> relay(ctx, connected));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object bytes) {
        early.add(bytes);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseEarly();
        ctx.fireChannelInactive();
    }

    private void relay(ChannelHandlerContext ctx, ChannelFuture connected) {
        Channel client = ctx.channel();
        if (!connected.isSuccess()) {
            LOG.warn(
                    "gRPC connection {} closed: the gRPC server on {}:{} cannot be reached ({})",
                    client.remoteAddress(),
                    grpcServer.getHostString(),
                    grpcServer.getPort(),
                    connected.cause().toString());
            releaseEarly();
            client.close();
            return;
        }
        Channel server = connected.channel();
        if (!client.isActive()) {
            server.close();
            return;
        }
        early.forEach(server::write);
        early.clear();
        server.flush();

        ctx.pipeline().replace(this, "relay", new Relay(server));
        client.config().setAutoRead(true);
    }

    private void releaseEarly() {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
    }
}
