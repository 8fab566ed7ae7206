package dev.matchflow.pubsub.embedded.rest;

import io.grpc.Status;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers each HTTP/1.1 request into one message and refuses bodies over 10 MB, the limit of Google's Pub/Sub API,
 * with a 413 in the REST error form, also when the client asked first with {@code Expect: 100-continue}.
 *
 * <p>After a refusal the rest of the body is read and dropped, so that the client can read the answer and keep using
 * the connection; a client that did not ask to keep it is disconnected instead.
 */
final class RequestSizeLimit extends HttpObjectAggregator {

    static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RequestSizeLimit.class);

    RequestSizeLimit() {
        super(MAX_REQUEST_BYTES);
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof HttpResponse response && response.status().code() == 413) {
            ReferenceCountUtil.release(answer);
            return RestHttpHandler.toHttp(refusal(start, pipeline.channel().remoteAddress()), true);
        }
        return answer;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        boolean keepConnection = !(oversized instanceof FullHttpMessage) && HttpUtil.isKeepAlive(oversized);
        RestResponse refusal = refusal(oversized, ctx.channel().remoteAddress());

        ctx.writeAndFlush(RestHttpHandler.toHttp(refusal, keepConnection))
                .addListener(keepConnection ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }

    private static RestResponse refusal(HttpMessage oversized, Object client) {
        String target = oversized instanceof HttpRequest request ? request.method() + " " + request.uri() : "request";
        LOG.warn("REST {} from {} refused: body larger than {} bytes", target, client, MAX_REQUEST_BYTES);

        Status tooLarge = Status.INVALID_ARGUMENT.withDescription("Request payload size exceeds the limit: "
                + MAX_REQUEST_BYTES + " bytes. Send smaller requests, for example fewer messages per publish.");
        return RestResponse.error(413, tooLarge);
    }
}
