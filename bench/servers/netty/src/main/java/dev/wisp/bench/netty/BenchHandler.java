package dev.wisp.bench.netty;

import dev.wisp.bench.common.Bench;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One connection's handler. Responses are written as requests arrive and flushed once per read
 * batch ({@link #channelReadComplete}), so pipelined requests share a write. {@code /echo} streams:
 * each body chunk is written back as it arrives, chunked, without aggregating the request.
 * Like every other server here it sends a {@code Date} header (cached for the current second).
 */
final class BenchHandler extends SimpleChannelInboundHandler<HttpObject> {
    private static final AsciiString TEXT_PLAIN = AsciiString.cached(Bench.TEXT_PLAIN);
    private static final AsciiString APPLICATION_JSON = AsciiString.cached(Bench.APPLICATION_JSON);
    private static final AsciiString OCTET_STREAM = AsciiString.cached(Bench.OCTET_STREAM);
    static final ByteBuf DOWNLOAD = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(Bench.DOWNLOAD)).asReadOnly();
    static final ByteBuf HELLO = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(Bench.HELLO)).asReadOnly();

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    private static volatile long dateSecond;
    private static volatile String date = "";

    /** True between the head of a POST /echo and its last content. */
    private boolean echoing;
    private boolean echoKeepAlive;

    BenchHandler() {
        super(true); // release every inbound message after channelRead0; echo retains what it forwards
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (msg instanceof HttpRequest request) {
            onHead(ctx, request);
        }
        if (msg instanceof HttpContent content && echoing) {
            if (content instanceof LastHttpContent) {
                echoing = false;
                if (content.content().isReadable()) {
                    ctx.write(new DefaultHttpContent(content.content().retain()));
                }
                var done = ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);
                if (!echoKeepAlive) {
                    done.addListener(ChannelFutureListener.CLOSE);
                }
            } else if (content.content().isReadable()) {
                ctx.write(new DefaultHttpContent(content.content().retain()));
            }
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String uri = request.uri();
        HttpMethod method = request.method();
        if (uri.equals("/plaintext") && method.equals(HttpMethod.GET)) {
            respond(ctx, keepAlive, TEXT_PLAIN, HELLO.duplicate());
        } else if (uri.equals("/json") && method.equals(HttpMethod.GET)) {
            respond(ctx, keepAlive, APPLICATION_JSON, Unpooled.wrappedBuffer(Bench.json()));
        } else if (uri.equals("/download") && method.equals(HttpMethod.GET)) {
            respond(ctx, keepAlive, OCTET_STREAM, DOWNLOAD.duplicate());
        } else if (uri.equals("/echo") && method.equals(HttpMethod.POST)) {
            String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, Bench.OCTET_STREAM);
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, type).set(HttpHeaderNames.DATE, date());
            HttpUtil.setTransferEncodingChunked(head, true);
            HttpUtil.setKeepAlive(head, keepAlive);
            ctx.write(head);
            echoing = true;
            echoKeepAlive = keepAlive;
        } else {
            FullHttpResponse notFound = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
            notFound.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            ctx.write(notFound).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static void respond(ChannelHandlerContext ctx, boolean keepAlive, AsciiString type, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, type)
                .set(HttpHeaderNames.DATE, date())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (keepAlive) {
            ctx.write(response, ctx.voidPromise());
        } else {
            ctx.write(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The IMF-fixdate of the current second (RFC 9110 §5.6.7), recomputed once a second. */
    static String date() {
        long second = System.currentTimeMillis() / 1000;
        if (second != dateSecond) {
            date = IMF_FIXDATE.format(ZonedDateTime.now(ZoneOffset.UTC));
            dateSecond = second;
        }
        return date;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
