package dev.matchflow.pubsub.embedded.rest;

import io.grpc.Status;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the REST requests of one HTTP/1.1 connection through the {@link RestGateway}, one at a time and in order, so
 * that pipelined requests get their answers in the order they were asked. When the connection closes, the call in
 * progress is cancelled.
 */
final class RestHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(RestHttpHandler.class);

    private final RestGateway gateway;
    private final Queue<FullHttpRequest> waiting = new ArrayDeque<>();
    private CompletableFuture<RestResponse> inProgress;

    RestHttpHandler(RestGateway gateway) {
        super(false);
        this.gateway = gateway;
    }

    static FullHttpResponse toHttp(RestResponse response, boolean keepAlive) {
        FullHttpResponse http = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()),
                Unpooled.copiedBuffer(response.body(), StandardCharsets.UTF_8));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        HttpUtil.setContentLength(http, http.content().readableBytes());
        HttpUtil.setKeepAlive(http, keepAlive);
        return http;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        waiting.add(request);
        serveNext(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (inProgress != null) {
            inProgress.cancel(false);
            inProgress = null;
        }
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("REST connection {} closed after an error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void serveNext(ChannelHandlerContext ctx) {
        if (inProgress != null || waiting.isEmpty()) {
            return;
        }
        FullHttpRequest request = waiting.remove();
        try {
            if (request.decoderResult().isFailure()) {
                refuseMalformed(ctx, request);
                return;
            }
            CompletableFuture<RestResponse> response = gateway.handle(restRequestOf(request));
            inProgress = response;
            response.whenComplete((answer, failure) -> ctx.executor().execute(() -> answer(ctx, response)));
        } catch (RuntimeException e) {
            LOG.error("REST {} {} failed unexpectedly", request.method(), request.uri(), e);
            Status failure = Status.INTERNAL.withDescription(
                    "The REST gateway failed unexpectedly on this request; the server's log has the details.");
            ctx.writeAndFlush(toHttp(RestResponse.error(failure), false)).addListener(ChannelFutureListener.CLOSE);
        } finally {
            request.release();
        }
    }

    private void answer(ChannelHandlerContext ctx, CompletableFuture<RestResponse> response) {
        if (inProgress != response || response.isCancelled()) {
            return;
        }
        inProgress = null;
        ctx.writeAndFlush(toHttp(response.join(), true));
        serveNext(ctx);
    }

    private static void refuseMalformed(ChannelHandlerContext ctx, FullHttpRequest request) {
        Throwable cause = request.decoderResult().cause();
        LOG.warn(
                "REST connection {} sent a malformed HTTP request: {}",
                ctx.channel().remoteAddress(),
                cause.toString());

        Status malformed = Status.INVALID_ARGUMENT.withDescription("Malformed HTTP/1.1 request (" + cause.getMessage()
                + "). This port speaks the REST form of the Pub/Sub API over HTTP/1.1 and gRPC over HTTP/2.");
        ctx.writeAndFlush(toHttp(RestResponse.error(malformed), false)).addListener(ChannelFutureListener.CLOSE);
    }

    private static RestRequest restRequestOf(FullHttpRequest request) {
        return new RestRequest(
                request.method().name(), request.uri(), request.content().toString(StandardCharsets.UTF_8));
    }
}
