package dev.wisp.server.core;

import dev.wisp.server.Handler;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.ServerStats;
import dev.wisp.server.io.ReadinessLoop;
import dev.wisp.server.tls.ServerTls;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running server, whatever protocols it speaks: the listener and its acceptor, the connection
 * registry, the watchdog, the shared {@link Exchange}, and the graceful shutdown.
 */
public final class ServerRuntime implements ServerStats {
    private static final System.Logger LOG = System.getLogger("dev.wisp.server");

    private final ServerConfig config;
    private final int port;
    private final ConnectionRegistry registry;
    private final Exchange exchange;
    private final Watchdog watchdog;
    private final Acceptor acceptor;
    private final ReadinessLoop loop;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closeStarted = new AtomicBoolean();

    private ServerRuntime(ServerConfig config, Handler handler, ServerSocketChannel listener, ServerTls tls)
            throws IOException {
        this.config = config;
        this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        this.registry = new ConnectionRegistry(config.limits().maxConnections());
        this.exchange = new Exchange(handler, config.limits(), registry::closing, registry.shutdownSignal());
        this.watchdog = new Watchdog(registry, config.timeouts().write(), "wisp-watchdog-" + port);
        this.loop = ReadinessLoop.startConfigured("wisp-poller-" + port);
        ProtocolSelector selector = new ProtocolSelector(config, exchange, registry, tls, loop);
        this.acceptor = new Acceptor(listener, registry, selector::accepted, "wisp-acceptor-" + port);
    }

    /** Binds and starts accepting; a port already in use fails here, with the address in the message. */
    public static ServerRuntime start(ServerConfig config, Handler handler) throws IOException {
        // Certificates first: a configuration that can't be used fails before the port is taken.
        ServerTls tls = config.tls().map(t -> ServerTls.create(t, config.http2())).orElse(null);
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.host(), config.port()), config.backlog());
        } catch (IOException e) {
            listener.close();
            throw new IOException("Cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage()
                    + " (is another process using the port? choose another with withPort, or 0 for a free one)", e);
        }
        ServerRuntime server = new ServerRuntime(config, handler, listener, tls);
        server.acceptor.start();
        server.watchdog.start();
        LOG.log(Level.INFO, "server.start address={0}:{1,number,#}", config.host(), server.port);
        return server;
    }

    public int port() {
        return port;
    }

    @Override
    public int openConnections() {
        return registry.size();
    }

    @Override
    public int activeRequests() {
        return exchange.activeRequests();
    }

    @Override
    public int queuedRequests() {
        return exchange.queuedRequests();
    }

    /**
     * Stops accepting, tells every connection to finish (idle ones close now; in-flight responses
     * say {@code Connection: close}), waits up to the grace period, then closes what remains.
     */
    public void close() {
        if (!closeStarted.compareAndSet(false, true)) {
            awaitStop();
            return;
        }
        registry.beginShutdown();
        acceptor.stop();
        long deadline = System.nanoTime() + config.timeouts().shutdownGrace().toNanos();
        if (!registry.awaitEmpty(deadline)) {
            LOG.log(Level.WARNING, "server.stop reason=grace_expired open_connections={0}", registry.size());
            registry.killAll();
            // A handler that ignores interrupts can't be stopped; don't let it hold close() forever.
            registry.awaitEmpty(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        }
        watchdog.stop();
        if (loop != null) {
            loop.close();
        }
        stopped.countDown();
        LOG.log(Level.INFO, "server.stop port={0,number,#}", port);
    }

    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
