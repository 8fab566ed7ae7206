package dev.matchflow.pubsub.embedded.rest;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies every byte its channel reads to a peer channel, flushing at the end of each read.
 *
 * <p>When the peer cannot take more (its outbound buffer is past the high-water mark), this side stops reading until
 * the peer drains, so a slow reader slows its writer instead of filling memory. When either side closes, the other
 * is closed once what it still has to write has been flushed.
 */
final class Relay extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    private final Channel peer;

    Relay(Channel peer) {
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object bytes) {
        peer.write(bytes);
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (peer.isActive()) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug(
                "Relayed connection {} closed after an error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
