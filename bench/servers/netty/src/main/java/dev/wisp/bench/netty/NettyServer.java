package dev.wisp.bench.netty;

import dev.wisp.bench.common.Bench;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;

/**
 * The benchmark endpoints on Netty's HTTP/1.1 codec: {@link HttpServerCodec} and one handler
 * ({@link BenchHandler}), no aggregator, responses flushed once per read batch — the way Netty's
 * own TechEmpower entry is written, so this is Netty at its best.
 *
 * <p>Transport: epoll when the native library loads (it ships in the linux-x86_64 jar), otherwise
 * NIO; the READY line says which. Event-loop threads: Netty's default (twice the CPUs the JVM sees).
 */
public final class NettyServer {
    private NettyServer() {}

    public static void main(String[] args) throws InterruptedException {
        int port = Bench.port(args);
        boolean epoll = Epoll.isAvailable() && !Boolean.getBoolean("bench.nio");
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(io);
        try {
            Channel server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new HttpServerCodec())
                                    .addLast(new HttpServerExpectContinueHandler())
                                    .addLast(new BenchHandler());
                        }
                    })
                    .bind(Bench.HOST, port).sync().channel();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                boss.shutdownGracefully();
                workers.shutdownGracefully();
            }, "shutdown"));
            String why = epoll ? "" : " (" + (Epoll.isAvailable() ? "forced by -Dbench.nio=true" : "epoll unavailable: " + Epoll.unavailabilityCause()) + ")";
            Bench.ready("netty", port, "transport=" + (epoll ? "epoll" : "nio" + why.replace(' ', '_')));
            server.closeFuture().sync();
        } finally {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }
    }
}
