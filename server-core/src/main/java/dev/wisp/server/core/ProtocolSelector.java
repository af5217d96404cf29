package dev.wisp.server.core;

import dev.wisp.server.ConnectionInfo;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.http1.Http1Connection;
import dev.wisp.server.io.PlainTransport;
import dev.wisp.server.io.Transport;
import dev.wisp.server.tls.ServerTls;
import dev.wisp.server.tls.TlsHandshake;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * Turns an accepted socket into a served connection. Everything that may wait for the client —
 * the TLS handshake, ALPN, a protocol preface — runs later on the connection's own virtual thread
 * under the head deadline, never on the acceptor.
 */
final class ProtocolSelector {
    private static final System.Logger LOG = System.getLogger("dev.wisp.server");

    private final ServerConfig config;
    private final Exchange exchange;
    private final ConnectionRegistry registry;
    private final ServerTls tls;

    /** {@code tls} is null on a plain-HTTP port. */
    ProtocolSelector(ServerConfig config, Exchange exchange, ConnectionRegistry registry, ServerTls tls) {
        this.config = config;
        this.exchange = exchange;
        this.registry = registry;
        this.tls = tls;
    }

    /** Called by the acceptor; must not block. */
    Connection accepted(SocketChannel channel) {
        return new Selecting(channel);
    }

    /**
     * A connection whose protocol is chosen on its own thread. Until then it answers the watchdog
     * and a shutdown itself; afterwards it delegates to the protocol's connection.
     */
    private final class Selecting implements Connection {
        private final SocketChannel channel;
        private volatile Connection protocol;
        private volatile Thread thread;
        /** The handshake's deadline while it runs ({@link System#nanoTime()}), else 0. */
        private volatile long handshakeDeadline;

        Selecting(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
                InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
                Transport transport;
                ConnectionInfo info;
                if (tls == null) {
                    transport = new PlainTransport(channel);
                    info = ConnectionInfo.plain(remote, local);
                } else {
                    handshakeDeadline = (System.nanoTime() + config.timeouts().head().toNanos()) | 1;
                    TlsHandshake.Result done;
                    try {
                        done = TlsHandshake.accept(channel, tls);
                    } finally {
                        handshakeDeadline = 0;
                    }
                    if (done == null) {
                        closeQuietly();
                        return;
                    }
                    transport = done.transport();
                    info = new ConnectionInfo("https", remote, local, done.info());
                }
                Connection selected = new Http1Connection(config, exchange, registry::closing, transport, info);
                protocol = selected;
                if (registry.closing()) {
                    selected.beginShutdown(); // a shutdown began during the handshake
                }
                selected.run();
            } catch (IOException | RuntimeException e) {
                // Includes failed handshakes: an old protocol version, no shared suite, a refused
                // client certificate, a client that stopped mid-way (the head deadline).
                LOG.log(Level.DEBUG, "conn.close reason=io_error error={0}", e.toString());
                closeQuietly();
            } finally {
                registry.remove(this);
            }
        }

        @Override
        public long readDeadlineNanos() {
            Connection p = protocol;
            return p == null ? handshakeDeadline : p.readDeadlineNanos();
        }

        @Override
        public void expireRead(long observedDeadline) {
            Connection p = protocol;
            if (p != null) {
                p.expireRead(observedDeadline);
            } else if (handshakeDeadline == observedDeadline) {
                LOG.log(Level.DEBUG, "conn.close reason=handshake_timeout");
                closeQuietly();
            }
        }

        @Override
        public long writeStartedNanos() {
            Connection p = protocol;
            return p == null ? 0 : p.writeStartedNanos();
        }

        @Override
        public void tick(long nowNanos) {
            Connection p = protocol;
            if (p != null) {
                p.tick(nowNanos);
            }
        }

        @Override
        public void beginShutdown() {
            Connection p = protocol;
            if (p != null) {
                p.beginShutdown();
            }
            // Before selection, the protocol sees registry.closing() before it waits for a request.
        }

        @Override
        public void abort() {
            closeQuietly();
        }

        @Override
        public void kill() {
            Connection p = protocol;
            if (p != null) {
                p.kill();
            } else {
                closeQuietly();
                Thread t = thread;
                if (t != null) {
                    t.interrupt();
                }
            }
        }

        private void closeQuietly() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing more can be done for this connection.
            }
        }
    }
}
