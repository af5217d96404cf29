package dev.wisp.server.core;

import dev.wisp.server.ConnectionInfo;
import dev.wisp.server.ServerConfig;
import dev.wisp.server.http1.Http1Connection;
import dev.wisp.server.http2.Frame;
import dev.wisp.server.http2.Http2Connection;
import dev.wisp.server.io.PlainTransport;
import dev.wisp.server.io.ReadinessLoop;
import dev.wisp.server.io.ReplayTransport;
import dev.wisp.server.io.Transport;
import dev.wisp.server.tls.ServerTls;
import dev.wisp.server.tls.TlsHandshake;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * Turns an accepted socket into a served connection. Everything that may wait for the client —
 * the TLS handshake, ALPN, a protocol preface — runs later on the connection's own virtual thread
 * under the head deadline, never on the acceptor.
 *
 * <p>HTTP/2 (when {@code ServerConfig.http2()}): over TLS when ALPN chose {@code h2}; on a plain
 * port when the first bytes are the client preface {@code PRI * HTTP/2.0…} (prior knowledge, RFC
 * 9113 §3.3). The first byte is awaited under the idle timeout, the rest of the preface under the
 * head timeout; reading stops at the first byte that differs, and what was read is replayed to the
 * protocol chosen. {@code Upgrade: h2c} is not honoured: such requests are HTTP/1.1.
 */
final class ProtocolSelector {
    private static final System.Logger LOG = System.getLogger("dev.wisp.server");

    private final ServerConfig config;
    private final Exchange exchange;
    private final ConnectionRegistry registry;
    private final ServerTls tls;
    private final ReadinessLoop loop;

    /**
     * {@code tls} is null on a plain-HTTP port; {@code loop} is null where plain connections use
     * the JDK's blocking reads.
     */
    ProtocolSelector(ServerConfig config, Exchange exchange, ConnectionRegistry registry, ServerTls tls,
                     ReadinessLoop loop) {
        this.config = config;
        this.exchange = exchange;
        this.registry = registry;
        this.tls = tls;
        this.loop = loop;
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
        /** Set once a plain transport exists: closing goes through it (it may be registered with the loop). */
        private volatile Transport plain;
        private volatile Thread thread;
        /** The handshake's or the preface's deadline while it runs ({@link System#nanoTime()}), else 0. */
        private volatile long handshakeDeadline;
        /** Waiting for the first byte of a plain connection: a shutdown may close it. */
        private volatile boolean awaitingFirstByte;

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
                boolean h2 = false;
                PlainTransport socket = loop == null ? new PlainTransport(channel) : new PlainTransport(channel, loop);
                plain = socket;
                if (tls == null) {
                    transport = socket;
                    info = ConnectionInfo.plain(remote, local);
                    if (config.http2()) {
                        byte[] preface = new byte[Frame.prefaceLength()];
                        int n = readPreface(transport.input(), preface);
                        if (n < 0) {
                            closeQuietly();
                            return;
                        }
                        h2 = n == preface.length && Frame.matchesPreface(preface, 0, n);
                        transport = new ReplayTransport(transport, preface, n);
                    }
                } else {
                    handshakeDeadline = (System.nanoTime() + config.timeouts().head().toNanos()) | 1;
                    TlsHandshake.Result done;
                    try {
                        done = TlsHandshake.accept(socket, channel, tls);
                    } finally {
                        handshakeDeadline = 0;
                    }
                    if (done == null) {
                        closeQuietly();
                        return;
                    }
                    transport = done.transport();
                    info = new ConnectionInfo("https", remote, local, done.info());
                    h2 = config.http2() && "h2".equals(done.info().applicationProtocol());
                }
                Connection selected = h2 ? new Http2Connection(config, exchange, transport, info)
                        : new Http1Connection(config, exchange, registry::closing, transport, info);
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

        /**
         * Reads until the bytes stop matching the client preface or all of it has come; returns the
         * count read, or -1 when the client closed (or was closed) before sending anything.
         */
        private int readPreface(InputStream in, byte[] buf) throws IOException {
            int n = 0;
            awaitingFirstByte = true;
            handshakeDeadline = (System.nanoTime() + config.timeouts().idle().toNanos()) | 1;
            try {
                if (registry.closing()) {
                    return -1;
                }
                while (n < buf.length) {
                    int r = in.read(buf, n, buf.length - n);
                    if (r < 0) {
                        return n == 0 ? -1 : n;
                    }
                    if (n == 0) {
                        awaitingFirstByte = false;
                        handshakeDeadline = (System.nanoTime() + config.timeouts().head().toNanos()) | 1;
                    }
                    n += r;
                    if (!Frame.matchesPreface(buf, n - r, n)) {
                        return n;
                    }
                }
                return n;
            } finally {
                awaitingFirstByte = false;
                handshakeDeadline = 0;
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
                LOG.log(Level.DEBUG, "conn.close reason=handshake_timeout");  // or a preface's, or idle before the first byte
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
            } else if (awaitingFirstByte) {
                closeQuietly(); // idle before its first request
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
            Transport t = plain;
            if (t != null) {
                t.close();
                return;
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing more can be done for this connection.
            }
        }
    }
}
