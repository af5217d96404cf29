package dev.wisp.bench.netty;

import dev.wisp.bench.common.Bench;
import io.netty.bootstrap.ServerBootstrap;
import java.io.File;
import javax.net.ssl.SSLException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The benchmark endpoints on Netty's HTTP/1.1 codec: {@link HttpServerCodec} and one handler
 * ({@link BenchHandler}), no aggregator, responses flushed once per read batch — the way Netty's
 * own TechEmpower entry is written, so this is Netty at its best.
 *
 * <p>Transport: epoll when the native library loads (it ships in the linux-x86_64 jar), otherwise
 * NIO; the READY line says which. Event-loop threads: Netty's default (twice the CPUs the JVM sees).
 *
 * <p>Optional listeners on the same event loops ({@link Listeners}): {@code --tls-port N --cert FILE
 * --key FILE} (HTTPS, JDK TLS provider, ALPN h2 and http/1.1), {@code --h2c-port N} (HTTP/2 with
 * prior knowledge) and {@code --ws-port N} (WebSocket echo on {@code /ws/echo}).
 */
public final class NettyServer {
    private NettyServer() {}

    public static void main(String[] args) throws InterruptedException, SSLException {
        int port = Bench.port(args);
        boolean epoll = Epoll.isAvailable() && !Boolean.getBoolean("bench.nio");
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(io);
        try {
            ServerBootstrap base = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 1024);
            Channel server = base.clone().childHandler(Listeners.plain()).bind(Bench.HOST, port).sync().channel();
            int tlsPort = Bench.portOption(args, "--tls-port");
            if (tlsPort > 0) {
                String cert = Bench.option(args, "--cert");
                String key = Bench.option(args, "--key");
                if (cert == null || key == null) {
                    throw new IllegalArgumentException("--tls-port needs --cert FILE and --key FILE (PEM)");
                }
                base.clone().childHandler(Listeners.tls(new File(cert), new File(key))).bind(Bench.HOST, tlsPort).sync();
            }
            int h2cPort = Bench.portOption(args, "--h2c-port");
            if (h2cPort > 0) {
                base.clone().childHandler(Listeners.h2c()).bind(Bench.HOST, h2cPort).sync();
            }
            int wsPort = Bench.portOption(args, "--ws-port");
            if (wsPort > 0) {
                base.clone().childHandler(Listeners.websocket()).bind(Bench.HOST, wsPort).sync();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                boss.shutdownGracefully();
                workers.shutdownGracefully();
            }, "shutdown"));
            String why = epoll ? "" : " (" + (Epoll.isAvailable() ? "forced by -Dbench.nio=true" : "epoll unavailable: " + Epoll.unavailabilityCause()) + ")";
            Bench.ready("netty", port, "transport=" + (epoll ? "epoll" : "nio" + why.replace(' ', '_')) + Listeners.describe(args));
            server.closeFuture().sync();
        } finally {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }
    }
}
