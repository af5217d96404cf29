package dev.wisp.bench.netty;

import dev.wisp.bench.common.Bench;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;

/**
 * The HTTP/2 endpoints on Netty's frame codec ({@code Http2FrameCodec}), one handler on the
 * connection's channel that answers each stream when its request ends: {@code GET /plaintext},
 * {@code GET /json}, {@code GET /download} (1 MiB; the codec's flow controller queues it against
 * the peer's windows). Other paths get 404. Written like Netty's own HTTP/2 hello-world example,
 * flushed once per read batch, so this is Netty's HTTP/2 at its best.
 */
final class H2Handler extends ChannelDuplexHandler {
    private static final AsciiString TEXT_PLAIN = AsciiString.cached(Bench.TEXT_PLAIN);
    private static final AsciiString APPLICATION_JSON = AsciiString.cached(Bench.APPLICATION_JSON);
    private static final AsciiString OCTET_STREAM = AsciiString.cached(Bench.OCTET_STREAM);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame headers && headers.isEndStream()) {
                onRequest(ctx, headers.stream(), headers.headers());
            } else if (msg instanceof Http2DataFrame data && data.isEndStream()) {
                // A request with a body: these endpoints take none, so answer once it has ended.
                onRequest(ctx, data.stream(), null);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private static void onRequest(ChannelHandlerContext ctx, Http2FrameStream stream, Http2Headers request) {
        CharSequence path = request == null ? "" : request.path();
        boolean get = request != null && AsciiString.contentEquals("GET", request.method());
        if (get && AsciiString.contentEquals("/plaintext", path)) {
            respond(ctx, stream, TEXT_PLAIN, BenchHandler.HELLO.duplicate());
        } else if (get && AsciiString.contentEquals("/json", path)) {
            respond(ctx, stream, APPLICATION_JSON, Unpooled.wrappedBuffer(Bench.json()));
        } else if (get && AsciiString.contentEquals("/download", path)) {
            respond(ctx, stream, OCTET_STREAM, BenchHandler.DOWNLOAD.duplicate());
        } else {
            Http2Headers h = new DefaultHttp2Headers().status("404").set("date", BenchHandler.date());
            ctx.write(new DefaultHttp2HeadersFrame(h, true).stream(stream));
        }
    }

    private static void respond(ChannelHandlerContext ctx, Http2FrameStream stream, AsciiString type, ByteBuf body) {
        Http2Headers h = new DefaultHttp2Headers().status("200")
                .set("content-type", type)
                .set("date", BenchHandler.date())
                .setInt("content-length", body.readableBytes());
        ctx.write(new DefaultHttp2HeadersFrame(h).stream(stream));
        ctx.write(new DefaultHttp2DataFrame(body, true).stream(stream));
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
