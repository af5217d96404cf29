package dev.wisp.server.core;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The listening socket's one platform thread. It only accepts: a permit first (so at the cap new
 * connections wait in the OS backlog), then {@code accept()}, then the new connection's own
 * virtual thread, which does everything else — the TLS handshake and protocol selection included.
 */
final class Acceptor {
    private static final System.Logger LOG = System.getLogger("dev.wisp.server");

    private final ServerSocketChannel listener;
    private final ConnectionRegistry registry;
    private final Function<SocketChannel, Connection> connections;
    private final Thread thread;

    Acceptor(ServerSocketChannel listener, ConnectionRegistry registry, Function<SocketChannel, Connection> connections,
             String name) {
        this.listener = listener;
        this.registry = registry;
        this.connections = connections;
        this.thread = Thread.ofPlatform().name(name).unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    /** Stops accepting: closes the listener and waits a moment for the thread to end. */
    void stop() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (!registry.closing()) {
            try {
                registry.acquirePermit();
            } catch (InterruptedException e) {
                return;
            }
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                registry.releasePermit();
                return;
            } catch (IOException e) {
                registry.releasePermit();
                if (registry.closing()) {
                    return;
                }
                // Usually out of file descriptors: back off instead of spinning on the error.
                LOG.log(Level.WARNING, "accept.error error={0}", e.toString());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                continue;
            }
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Connection connection = connections.apply(channel);
                registry.add(connection);
                Thread.ofVirtual().start(connection);
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "accept.error error={0}", t.toString());
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // The connection never started.
                }
                registry.releasePermit();
            }
        }
    }
}
