package dev.wisp.bench.netty;

import dev.wisp.bench.common.Bench;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import javax.net.ssl.SSLException;

/**
 * The pipelines of the Netty peer's listeners: plain HTTP/1.1, HTTPS (HTTP/1.1 or HTTP/2 by ALPN),
 * HTTP/2 with prior knowledge (h2c), and WebSocket echo.
 */
final class Listeners {
    /** Inbound WebSocket frames up to this size (the benchmark sends 64 B and 16 KiB messages). */
    static final int WS_MAX_FRAME = 1 << 20;

    private Listeners() {}

    static void http1(ChannelPipeline p) {
        p.addLast(new HttpServerCodec())
                .addLast(new HttpServerExpectContinueHandler())
                .addLast(new BenchHandler());
    }

    static void h2(ChannelPipeline p) {
        p.addLast(Http2FrameCodecBuilder.forServer().build()).addLast(new H2Handler());
    }

    static ChannelInitializer<SocketChannel> plain() {
        return init(Listeners::http1);
    }

    static ChannelInitializer<SocketChannel> h2c() {
        return init(Listeners::h2);
    }

    static ChannelInitializer<SocketChannel> websocket() {
        return init(p -> p.addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(8192))
                .addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath("/ws/echo").maxFramePayloadLength(WS_MAX_FRAME).build()))
                .addLast(new WsEchoHandler()));
    }

    /**
     * TLS with the JDK's provider ({@link SslProvider#JDK}, the same TLS engine Wisp uses), the PEM
     * certificate chain and key run.sh generated, ALPN offering h2 and http/1.1; a client that
     * sends no ALPN (wrk) gets HTTP/1.1.
     */
    static ChannelInitializer<SocketChannel> tls(File cert, File key) throws SSLException {
        SslContext context = SslContextBuilder.forServer(cert, key)
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .build();
        return init(p -> p.addLast(context.newHandler(p.channel().alloc()))
                .addLast(new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                    @Override
                    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                            h2(ctx.pipeline());
                        } else {
                            http1(ctx.pipeline());
                        }
                    }
                }));
    }

    interface Setup {
        void on(ChannelPipeline p);
    }

    private static ChannelInitializer<SocketChannel> init(Setup setup) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                setup.on(ch.pipeline());
            }
        };
    }

    static String describe(String[] args) {
        StringBuilder b = new StringBuilder();
        for (String o : new String[] {"--tls-port", "--h2c-port", "--ws-port"}) {
            if (Bench.option(args, o) != null) {
                b.append(' ').append(o.substring(2).replace('-', '_')).append('=').append(Bench.option(args, o));
            }
        }
        return b.toString();
    }
}
