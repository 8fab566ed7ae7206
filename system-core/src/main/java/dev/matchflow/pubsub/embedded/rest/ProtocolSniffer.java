package dev.matchflow.pubsub.embedded.rest;

import io.grpc.Status;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every connection: reads the first bytes and sets the connection up for gRPC when they are the
 * HTTP/2 connection preface, for the REST form (HTTP/1.1) otherwise, then steps aside.
 *
 * <p>gRPC clients speak HTTP/2 with prior knowledge, so their first 24 bytes are always {@code PRI * HTTP/2.0} and the
 * rest of the preface; an HTTP/1.1 request line differs from it by its third byte at the latest. The bytes read so
 * far are handed, unchanged, to whichever side takes the connection.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolSniffer.class);

    private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress grpcServer;
    private final RestGateway gateway;

    ProtocolSniffer(InetSocketAddress grpcServer, RestGateway gateway) {
        this.grpcServer = grpcServer;
        this.gateway = gateway;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        byte first = in.getByte(in.readerIndex());
        if (first < 'A' || first > 'Z') {
            in.skipBytes(in.readableBytes());
            refuse(ctx, first);
            return;
        }
        int seen = Math.min(in.readableBytes(), HTTP2_PREFACE.length);
        for (int i = 0; i < seen; i++) {
            if (in.getByte(in.readerIndex() + i) != HTTP2_PREFACE[i]) {
                switchToRest(ctx);
                return;
            }
        }
        if (seen == HTTP2_PREFACE.length) {
            switchToGrpc(ctx);
        }
    }

    /**
     * Answers a connection that speaks neither protocol (an HTTP request starts with its method's upper-case letters,
     * HTTP/2 with {@code PRI}) and closes it, instead of leaving the client waiting for an answer it understands.
     */
    private static void refuse(ChannelHandlerContext ctx, byte first) {
        LOG.warn(
                "Connection {} refused: it began with byte 0x{}, neither HTTP/1.1 nor HTTP/2",
                ctx.channel().remoteAddress(),
                String.format("%02x", first));

        Status neither = Status.INVALID_ARGUMENT.withDescription(String.format(
                "The connection began with byte 0x%02x. This port speaks plaintext gRPC (HTTP/2) and the REST form"
                        + " over plaintext HTTP/1.1; a client using TLS (https) must use http:// here.",
                first));
        ctx.pipeline().addLast("http-encoder", new HttpResponseEncoder());
        ctx.channel()
                .writeAndFlush(RestHttpHandler.toHttp(RestResponse.error(neither), false))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void switchToGrpc(ChannelHandlerContext ctx) {
        LOG.debug(
                "Connection {} speaks HTTP/2: relayed to gRPC on {}:{}",
                ctx.channel().remoteAddress(),
                grpcServer.getHostString(),
                grpcServer.getPort());

        ctx.pipeline().addLast("grpc-relay", new GrpcRelay(grpcServer));
        ctx.pipeline().remove(this);
    }

    private void switchToRest(ChannelHandlerContext ctx) {
        LOG.debug(
                "Connection {} speaks HTTP/1: served by the REST gateway",
                ctx.channel().remoteAddress());

        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addLast("http", new HttpServerCodec());
        pipeline.addLast("keep-alive", new HttpServerKeepAliveHandler());
        pipeline.addLast("size-limit", new RequestSizeLimit());
        pipeline.addLast("rest", new RestHttpHandler(gateway));
        pipeline.remove(this);
    }
}
